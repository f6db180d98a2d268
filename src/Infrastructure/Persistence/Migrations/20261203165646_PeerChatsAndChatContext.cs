using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanChat.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PeerChatsAndChatContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "salon_id",
                table: "chats",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "context_id",
                table: "chats",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "context_title",
                table: "chats",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "context_type",
                table: "chats",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "peer_key",
                table: "chats",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_chats_peer_key",
                table: "chats",
                column: "peer_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_chats_peer_key",
                table: "chats");

            migrationBuilder.DropColumn(
                name: "context_id",
                table: "chats");

            migrationBuilder.DropColumn(
                name: "context_title",
                table: "chats");

            migrationBuilder.DropColumn(
                name: "context_type",
                table: "chats");

            migrationBuilder.DropColumn(
                name: "peer_key",
                table: "chats");

            migrationBuilder.AlterColumn<long>(
                name: "salon_id",
                table: "chats",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
