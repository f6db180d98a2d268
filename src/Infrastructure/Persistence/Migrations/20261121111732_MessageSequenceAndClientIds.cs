using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanChat.Infrastructure.Persistence.Migrations
{
    public partial class MessageSequenceAndClientIds : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "last_seq",
                table: "chats",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "client_message_id",
                table: "chat_messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "seq",
                table: "chat_messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Existing messages are numbered in id order (the order they were committed), and each chat
            // remembers its last number, before the unique index on (chat_id, seq) is built.
            migrationBuilder.Sql("""
                UPDATE chat_messages SET seq = (
                    SELECT COUNT(*) FROM chat_messages AS earlier
                    WHERE earlier.chat_id = chat_messages.chat_id AND earlier.id <= chat_messages.id);
                """);
            migrationBuilder.Sql("""
                UPDATE chats SET last_seq = (SELECT COALESCE(MAX(seq), 0) FROM chat_messages WHERE chat_messages.chat_id = chats.id);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_chat_messages_chat_id_seq",
                table: "chat_messages",
                columns: new[] { "chat_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_chat_messages_sender_type_sender_id_client_message_id",
                table: "chat_messages",
                columns: new[] { "sender_type", "sender_id", "client_message_id" },
                unique: true,
                filter: "client_message_id IS NOT NULL");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_chat_messages_chat_id_seq",
                table: "chat_messages");

            migrationBuilder.DropIndex(
                name: "IX_chat_messages_sender_type_sender_id_client_message_id",
                table: "chat_messages");

            migrationBuilder.DropColumn(
                name: "last_seq",
                table: "chats");

            migrationBuilder.DropColumn(
                name: "client_message_id",
                table: "chat_messages");

            migrationBuilder.DropColumn(
                name: "seq",
                table: "chat_messages");
        }
    }
}
