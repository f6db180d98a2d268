using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanChat.Infrastructure.Persistence.Migrations
{
    public partial class UploadsAndAttachments : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "media_duration_ms",
                table: "chat_messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "media_file_name",
                table: "chat_messages",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "media_file_size",
                table: "chat_messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "media_file_type",
                table: "chat_messages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "media_thumbnail_url",
                table: "chat_messages",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "uploaded_files",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    stored_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    uploader_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    uploader_id = table.Column<long>(type: "INTEGER", nullable: false),
                    original_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    media_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    thumbnail_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_uploaded_files", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_chat_messages_media_url",
                table: "chat_messages",
                column: "media_url");

            migrationBuilder.CreateIndex(
                name: "IX_uploaded_files_created_at",
                table: "uploaded_files",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_uploaded_files_stored_name",
                table: "uploaded_files",
                column: "stored_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_uploaded_files_thumbnail_name",
                table: "uploaded_files",
                column: "thumbnail_name",
                unique: true);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "uploaded_files");

            migrationBuilder.DropIndex(
                name: "IX_chat_messages_media_url",
                table: "chat_messages");

            migrationBuilder.DropColumn(
                name: "media_duration_ms",
                table: "chat_messages");

            migrationBuilder.DropColumn(
                name: "media_file_name",
                table: "chat_messages");

            migrationBuilder.DropColumn(
                name: "media_file_size",
                table: "chat_messages");

            migrationBuilder.DropColumn(
                name: "media_file_type",
                table: "chat_messages");

            migrationBuilder.DropColumn(
                name: "media_thumbnail_url",
                table: "chat_messages");
        }
    }
}
