using CleanChat.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanChat.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The word index of message text (SQLite FTS5, over chat_messages' own content column, so the text is
    /// stored once). Triggers keep it in the transaction that writes a message: a new message is indexed,
    /// an edit replaces its words, a deletion (soft or hard) removes them. Existing messages are indexed here.
    /// </summary>
    [DbContext(typeof(ChatDbContext))]
    [Migration("20261203180000_MessageSearchIndex")]
    public partial class MessageSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE message_search USING fts5(
                    content, content='chat_messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER message_search_insert AFTER INSERT ON chat_messages
                WHEN NOT new.is_deleted AND new.content IS NOT NULL
                BEGIN
                    INSERT INTO message_search (rowid, content) VALUES (new.id, new.content);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER message_search_update AFTER UPDATE OF content, is_deleted ON chat_messages
                BEGIN
                    INSERT INTO message_search (message_search, rowid, content)
                        SELECT 'delete', old.id, old.content WHERE NOT old.is_deleted AND old.content IS NOT NULL;
                    INSERT INTO message_search (rowid, content)
                        SELECT new.id, new.content WHERE NOT new.is_deleted AND new.content IS NOT NULL;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER message_search_delete AFTER DELETE ON chat_messages
                WHEN NOT old.is_deleted AND old.content IS NOT NULL
                BEGIN
                    INSERT INTO message_search (message_search, rowid, content) VALUES ('delete', old.id, old.content);
                END;
                """);
            migrationBuilder.Sql("""
                INSERT INTO message_search (rowid, content)
                SELECT id, content FROM chat_messages WHERE NOT is_deleted AND content IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER message_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER message_search_update;");
            migrationBuilder.Sql("DROP TRIGGER message_search_insert;");
            migrationBuilder.Sql("DROP TABLE message_search;");
        }
    }
}
