using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanChat.Infrastructure.Persistence.Migrations
{
    public partial class OneChatOrderedMessageIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_chat_messages_chat_id_id",
                table: "chat_messages");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_chat_messages_chat_id_id",
                table: "chat_messages",
                columns: new[] { "chat_id", "id" });
        }
    }
}
