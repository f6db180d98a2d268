using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanChat.Infrastructure.Persistence.Migrations
{
    /// <summary>Browsers' Web Push subscriptions, one per endpoint, found by their account.</summary>
    public partial class PushSubscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "push_subscriptions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    endpoint = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    p256dh = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    auth = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    participant_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    participant_id = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_push_subscriptions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_push_subscriptions_endpoint",
                table: "push_subscriptions",
                column: "endpoint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_push_subscriptions_participant_type_participant_id",
                table: "push_subscriptions",
                columns: new[] { "participant_type", "participant_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "push_subscriptions");
        }
    }
}
