using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CleanChat.Infrastructure.Persistence.Postgres.Migrations
{
    /// <summary>
    /// The whole schema on PostgreSQL as SQLite's migrations had built it by then, plus the word index:
    /// a text search configuration that keeps every word as written, lower-cased and without diacritics
    /// (<c>unaccent</c>, a trusted extension the database owner may create), and a GIN index over the words of
    /// every live message. Text is stored once; the index follows inserts, edits and deletes by itself.
    /// New entries gather in the index's pending list and are merged into it when the list is full, inside
    /// whichever insert fills it: with the default 4 MB list that merge stalled the message writer for
    /// up to 0.8 s under load; a list of 256 kB makes each merge a sixteenth as long.
    /// </summary>
    public partial class PostgresInitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    phone_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    display_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "login_sessions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    participant_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    participant_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_login_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "salons",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_salons", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "uploaded_files",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    stored_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    uploader_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    uploader_id = table.Column<long>(type: "bigint", nullable: false),
                    original_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    media_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    thumbnail_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_uploaded_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "chats",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    salon_id = table.Column<long>(type: "bigint", nullable: true),
                    unique_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    is_archived = table.Column<bool>(type: "boolean", nullable: false),
                    is_front_desk = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_message_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_seq = table.Column<long>(type: "bigint", nullable: false),
                    context_id = table.Column<long>(type: "bigint", nullable: true),
                    context_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    context_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chats", x => x.id);
                    table.ForeignKey(
                        name: "FK_chats_salons_salon_id",
                        column: x => x.salon_id,
                        principalTable: "salons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "staff_users",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    salon_id = table.Column<long>(type: "bigint", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    display_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    job_title = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_users", x => x.id);
                    table.ForeignKey(
                        name: "FK_staff_users_salons_salon_id",
                        column: x => x.salon_id,
                        principalTable: "salons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stays",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    salon_id = table.Column<long>(type: "bigint", nullable: false),
                    stay_id = table.Column<long>(type: "bigint", nullable: false),
                    guest_id = table.Column<long>(type: "bigint", nullable: false),
                    room_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    check_in = table.Column<DateOnly>(type: "date", nullable: false),
                    check_out = table.Column<DateOnly>(type: "date", nullable: false),
                    checked_out_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "chat_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    chat_id = table.Column<long>(type: "bigint", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    client_message_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sender_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sender_id = table.Column<long>(type: "bigint", nullable: false),
                    message_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    media_url = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    media_file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    media_file_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    media_file_size = table.Column<long>(type: "bigint", nullable: true),
                    media_thumbnail_url = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    media_duration_ms = table.Column<long>(type: "bigint", nullable: true),
                    reply_to_message_id = table.Column<long>(type: "bigint", nullable: true),
                    entity_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    entity_id = table.Column<long>(type: "bigint", nullable: true),
                    entity_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    edited_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    is_deleted = table.Column<bool>(type: "boolean", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chat_messages", x => x.id);
                    table.ForeignKey(
                        name: "FK_chat_messages_chat_messages_reply_to_message_id",
                        column: x => x.reply_to_message_id,
                        principalTable: "chat_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_chat_messages_chats_chat_id",
                        column: x => x.chat_id,
                        principalTable: "chats",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "chat_participants",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    chat_id = table.Column<long>(type: "bigint", nullable: false),
                    participant_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    participant_id = table.Column<long>(type: "bigint", nullable: false),
                    joined_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    left_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_read_message_id = table.Column<long>(type: "bigint", nullable: true),
                    last_read_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_delivered_message_id = table.Column<long>(type: "bigint", nullable: true),
                    last_delivered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chat_participants", x => x.id);
                    table.ForeignKey(
                        name: "FK_chat_participants_chats_chat_id",
                        column: x => x.chat_id,
                        principalTable: "chats",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mentorships",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    salon_id = table.Column<long>(type: "bigint", nullable: false),
                    student_id = table.Column<long>(type: "bigint", nullable: false),
                    mentor_id = table.Column<long>(type: "bigint", nullable: false),
                    assigned_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "IX_chat_messages_chat_id_seq",
                table: "chat_messages",
                columns: new[] { "chat_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_chat_messages_media_url",
                table: "chat_messages",
                column: "media_url");

            migrationBuilder.CreateIndex(
                name: "IX_chat_messages_reply_to_message_id",
                table: "chat_messages",
                column: "reply_to_message_id");

            migrationBuilder.CreateIndex(
                name: "IX_chat_messages_sender_type_sender_id_client_message_id",
                table: "chat_messages",
                columns: new[] { "sender_type", "sender_id", "client_message_id" },
                unique: true,
                filter: "client_message_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_chat_participants_chat_id_participant_type_participant_id",
                table: "chat_participants",
                columns: new[] { "chat_id", "participant_type", "participant_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_chat_participants_participant_type_participant_id_chat_id",
                table: "chat_participants",
                columns: new[] { "participant_type", "participant_id", "chat_id" });

            migrationBuilder.CreateIndex(
                name: "IX_chats_salon_id_last_message_at",
                table: "chats",
                columns: new[] { "salon_id", "last_message_at" });

            migrationBuilder.CreateIndex(
                name: "IX_chats_unique_key",
                table: "chats",
                column: "unique_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_customers_phone_number",
                table: "customers",
                column: "phone_number",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_staff_users_email",
                table: "staff_users",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_staff_users_salon_id",
                table: "staff_users",
                column: "salon_id");

            migrationBuilder.CreateIndex(
                name: "IX_stays_guest_id_stay_id",
                table: "stays",
                columns: new[] { "guest_id", "stay_id" });

            migrationBuilder.CreateIndex(
                name: "IX_stays_salon_id_stay_id",
                table: "stays",
                columns: new[] { "salon_id", "stay_id" },
                unique: true);

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

            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql("CREATE TEXT SEARCH CONFIGURATION cleanchat_search (COPY = simple);");
            migrationBuilder.Sql("ALTER TEXT SEARCH CONFIGURATION cleanchat_search ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;");
            migrationBuilder.Sql("""
                CREATE INDEX ix_chat_messages_search ON chat_messages
                USING gin (to_tsvector('cleanchat_search', content)) WITH (gin_pending_list_limit = 256)
                WHERE NOT is_deleted AND content IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_chat_messages_search;");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION cleanchat_search;");
            migrationBuilder.DropTable(
                name: "chat_messages");

            migrationBuilder.DropTable(
                name: "chat_participants");

            migrationBuilder.DropTable(
                name: "login_sessions");

            migrationBuilder.DropTable(
                name: "mentorships");

            migrationBuilder.DropTable(
                name: "stays");

            migrationBuilder.DropTable(
                name: "uploaded_files");

            migrationBuilder.DropTable(
                name: "chats");

            migrationBuilder.DropTable(
                name: "staff_users");

            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "salons");
        }
    }
}
