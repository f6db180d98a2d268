using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CleanChat.Infrastructure.Persistence.Postgres.Migrations
{
    /// <summary>
    /// A message's files move to a table of their own (several per message, in order); the one file a
    /// message could carry so far becomes its first attachment.
    /// </summary>
    public partial class PostgresMessageAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "message_attachments",
                columns: table => new
                {
                    message_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    file_url = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    file_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    file_size = table.Column<long>(type: "bigint", nullable: false),
                    thumbnail_url = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    duration_ms = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_attachments", x => new { x.message_id, x.position });
                    table.ForeignKey(
                        name: "FK_message_attachments_chat_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "chat_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_message_attachments_file_url",
                table: "message_attachments",
                column: "file_url");

            // Every file a message carried so far becomes its first attachment, before the old columns go.
            migrationBuilder.Sql("""
                INSERT INTO message_attachments (message_id, position, file_url, file_name, file_type, file_size, thumbnail_url, duration_ms)
                SELECT id, 0, media_url, media_file_name, coalesce(media_file_type, 'application/octet-stream'), coalesce(media_file_size, 0),
                    media_thumbnail_url, media_duration_ms
                FROM chat_messages WHERE media_url IS NOT NULL;
                """);

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

            migrationBuilder.DropColumn(
                name: "media_url",
                table: "chat_messages");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "media_duration_ms",
                table: "chat_messages",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "media_file_name",
                table: "chat_messages",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "media_file_size",
                table: "chat_messages",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "media_file_type",
                table: "chat_messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "media_thumbnail_url",
                table: "chat_messages",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "media_url",
                table: "chat_messages",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_chat_messages_media_url",
                table: "chat_messages",
                column: "media_url");

            // Each message keeps its first file; any further ones are lost going back.
            migrationBuilder.Sql("""
                UPDATE chat_messages SET
                    media_url = a.file_url, media_file_name = a.file_name, media_file_type = a.file_type, media_file_size = a.file_size,
                    media_thumbnail_url = a.thumbnail_url, media_duration_ms = a.duration_ms
                FROM message_attachments AS a
                WHERE a.message_id = chat_messages.id AND a.position = 0;
                """);

            migrationBuilder.DropTable(
                name: "message_attachments");
        }
    }
}
