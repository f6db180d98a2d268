using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanChat.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MentoringAndSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "peer_key",
                table: "chats",
                newName: "unique_key");

            migrationBuilder.RenameIndex(
                name: "IX_chats_peer_key",
                table: "chats",
                newName: "IX_chats_unique_key");

            migrationBuilder.AddColumn<string>(
                name: "job_title",
                table: "staff_users",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "login_sessions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    participant_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    participant_id = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_seen_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_login_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mentorships",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    salon_id = table.Column<long>(type: "INTEGER", nullable: false),
                    student_id = table.Column<long>(type: "INTEGER", nullable: false),
                    mentor_id = table.Column<long>(type: "INTEGER", nullable: false),
                    assigned_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mentorships", x => x.id);
                    table.ForeignKey(
                        name: "FK_mentorships_customers_student_id",
                        column: x => x.student_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_mentorships_salons_salon_id",
                        column: x => x.salon_id,
                        principalTable: "salons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_mentorships_staff_users_mentor_id",
                        column: x => x.mentor_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_login_sessions_expires_at",
                table: "login_sessions",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_login_sessions_token_hash",
                table: "login_sessions",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mentorships_mentor_id",
                table: "mentorships",
                column: "mentor_id");

            migrationBuilder.CreateIndex(
                name: "IX_mentorships_salon_id_student_id",
                table: "mentorships",
                columns: new[] { "salon_id", "student_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mentorships_student_id_assigned_at",
                table: "mentorships",
                columns: new[] { "student_id", "assigned_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "login_sessions");

            migrationBuilder.DropTable(
                name: "mentorships");

            migrationBuilder.DropColumn(
                name: "job_title",
                table: "staff_users");

            migrationBuilder.RenameColumn(
                name: "unique_key",
                table: "chats",
                newName: "peer_key");

            migrationBuilder.RenameIndex(
                name: "IX_chats_unique_key",
                table: "chats",
                newName: "IX_chats_peer_key");
        }
    }
}
