using CleanChat.Infrastructure.Persistence;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>What only SQLite has: its migrations' history and the settings of its connections.</summary>
public class SqliteUpgradeTests
{
    [Fact]
    public async Task Upgrading_a_database_numbers_its_existing_messages_per_chat_in_order()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cleanchat-upgrade-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<ChatDbContext>().UseSqlite($"Data Source={path}").Options;
            await using (var db = new ChatDbContext(options))
            {
                var migrator = db.GetService<IMigrator>();
                await migrator.MigrateAsync("20261121084143_InitialCreate");
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO salons (id, name, created_at) VALUES (1, 'S', '2026-01-01 00:00:00');
                    INSERT INTO chats (id, type, salon_id, is_active, is_archived, created_at, updated_at) VALUES
                        (1, 'UserCustomer', 1, 1, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
                        (2, 'UserCustomer', 1, 1, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00');
                    INSERT INTO chat_messages (id, chat_id, sender_type, sender_id, message_type, content, created_at, is_deleted) VALUES
                        (10, 1, 'User', 1, 'Text', 'a', '2026-01-01 00:00:00', 0),
                        (11, 2, 'User', 1, 'Text', 'b', '2026-01-01 00:00:00', 0),
                        (12, 1, 'User', 1, 'Text', 'c', '2026-01-01 00:00:00', 0),
                        (13, 1, 'User', 1, 'Text', 'd', '2026-01-01 00:00:00', 0);
                    """);

                await migrator.MigrateAsync();

                (await db.ChatMessages.OrderBy(m => m.Id).Select(m => new { m.Id, m.Seq }).ToListAsync())
                    .Select(m => (m.Id, m.Seq)).ShouldBe(new[] { (10L, 1L), (11L, 1L), (12L, 2L), (13L, 3L) });
                (await db.Chats.OrderBy(c => c.Id).Select(c => EF.Property<long>(c, ChatDbContext.LastSeqProperty)).ToListAsync()).ShouldBe(new[] { 3L, 1L });
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
                File.Delete(path + suffix);
        }
    }
}

/// <summary>The SQLite settings each connection gets, read back from SQLite itself.</summary>
public class SqliteSettingsTests
{
    [Fact]
    public async Task Connections_get_the_configured_sync_cache_and_checkpoint_settings()
    {
        using var factory = new CleanChatApiFactory();

        var settings = await factory.WithDbAsync(async (db, _) =>
        {
            await db.Database.OpenConnectionAsync();
            var values = new List<long>();
            foreach (var pragma in new[] { "synchronous", "cache_size", "wal_autocheckpoint", "foreign_keys", "journal_mode" })
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = $"PRAGMA {pragma}";
                var value = await command.ExecuteScalarAsync();
                values.Add(value is string mode ? (mode == "wal" ? 1 : 0) : Convert.ToInt64(value));
            }

            return values;
        });

        // synchronous FULL = 2; a negative cache size is in KiB; journal_mode wal.
        settings.ShouldBe(new[] { 2L, -32768L, 10_000L, 1L, 1L });
    }
}
