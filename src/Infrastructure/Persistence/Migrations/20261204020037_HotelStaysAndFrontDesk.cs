using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanChat.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HotelStaysAndFrontDesk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_front_desk",
                table: "chats",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "stays",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    salon_id = table.Column<long>(type: "INTEGER", nullable: false),
                    stay_id = table.Column<long>(type: "INTEGER", nullable: false),
                    guest_id = table.Column<long>(type: "INTEGER", nullable: false),
                    room_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    check_in = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    check_out = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    checked_out_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stays", x => x.id);
                    table.ForeignKey(
                        name: "FK_stays_customers_guest_id",
                        column: x => x.guest_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_stays_salons_salon_id",
                        column: x => x.salon_id,
                        principalTable: "salons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_stays_guest_id_stay_id",
                table: "stays",
                columns: new[] { "guest_id", "stay_id" });

            migrationBuilder.CreateIndex(
                name: "IX_stays_salon_id_stay_id",
                table: "stays",
                columns: new[] { "salon_id", "stay_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stays");

            migrationBuilder.DropColumn(
                name: "is_front_desk",
                table: "chats");
        }
    }
}
