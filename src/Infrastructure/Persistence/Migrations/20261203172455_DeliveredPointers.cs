using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanChat.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DeliveredPointers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "last_delivered_at",
                table: "chat_participants",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "last_delivered_message_id",
                table: "chat_participants",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_delivered_at",
                table: "chat_participants");

            migrationBuilder.DropColumn(
                name: "last_delivered_message_id",
                table: "chat_participants");
        }
    }
}
