using CleanChat.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanChat.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The word index gains each message's scope, so a search is narrowed inside the index to the chats a
    /// caller may see instead of matching the whole service and filtering afterwards: a second column
    /// holding the tokens <c>c{chat_id}</c> and <c>s{salon_id}</c> (none for a chat without a salon). A chat's
    /// salon and a message's chat never change, so the scope is fixed when the message is indexed. A prefix
    /// index of 3 characters makes the shortest "word start" queries read one list instead of merging every
    /// word that begins so (one of 2 as well cost the send path too much: see docs/performance.md). The content comes from a view over chat_messages: text is still stored once.
    /// </summary>
    [DbContext(typeof(ChatDbContext))]
    [Migration("20261203210000_MessageSearchScope")]
    public partial class MessageSearchScope : Migration
    {
        private const string Scope = "'c' || {0}.chat_id || coalesce(' s' || (SELECT salon_id FROM chats WHERE id = {0}.chat_id), '')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            DropIndex(migrationBuilder);
            migrationBuilder.Sql($"""
                CREATE VIEW message_search_source AS
                SELECT m.id, m.content, {string.Format(Scope, "m")} AS scope
                FROM chat_messages AS m;
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE message_search USING fts5(
                    content, scope, content='message_search_source', content_rowid='id',
                    tokenize='unicode61 remove_diacritics 2', prefix='3');
                """);

            // Each commit adds a small segment to the index, and by default every 4 segments of a size are
            // merged inside the commit that makes the fourth, a stall for the writer; 8 halves the merging.
            migrationBuilder.Sql("INSERT INTO message_search (message_search, rank) VALUES ('automerge', 8);");
            migrationBuilder.Sql($"""
                CREATE TRIGGER message_search_insert AFTER INSERT ON chat_messages
                WHEN NOT new.is_deleted AND new.content IS NOT NULL
                BEGIN
                    INSERT INTO message_search (rowid, content, scope) VALUES (new.id, new.content, {string.Format(Scope, "new")});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER message_search_update AFTER UPDATE OF content, is_deleted ON chat_messages
                BEGIN
                    INSERT INTO message_search (message_search, rowid, content, scope)
                        SELECT 'delete', old.id, old.content, {string.Format(Scope, "old")} WHERE NOT old.is_deleted AND old.content IS NOT NULL;
                    INSERT INTO message_search (rowid, content, scope)
                        SELECT new.id, new.content, {string.Format(Scope, "new")} WHERE NOT new.is_deleted AND new.content IS NOT NULL;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER message_search_delete AFTER DELETE ON chat_messages
                WHEN NOT old.is_deleted AND old.content IS NOT NULL
                BEGIN
                    INSERT INTO message_search (message_search, rowid, content, scope) VALUES ('delete', old.id, old.content, {string.Format(Scope, "old")});
                END;
                """);
            migrationBuilder.Sql($"""
                INSERT INTO message_search (rowid, content, scope)
                SELECT m.id, m.content, {string.Format(Scope, "m")} FROM chat_messages AS m
                WHERE NOT m.is_deleted AND m.content IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            DropIndex(migrationBuilder);
            migrationBuilder.Sql("DROP VIEW message_search_source;");
            new MessageSearchIndex().UpOperations.ToList().ForEach(migrationBuilder.Operations.Add);
        }

        private static void DropIndex(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER message_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER message_search_update;");
            migrationBuilder.Sql("DROP TRIGGER message_search_insert;");
            migrationBuilder.Sql("DROP TABLE message_search;");
        }
    }
}
