using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// Brings the database to the shipped schema at start-up, so a fresh machine needs no set-up step, and
/// in Development fills an empty one with the guides' demo accounts. On PostgreSQL several nodes may
/// start at the same moment against an empty database: the first takes a session-level advisory lock and
/// migrates and seeds; the others wait on the lock, then find nothing left to do.
/// </summary>
public sealed class DatabaseInitializer
{
    // Any fixed number, the same on every node: "CleanCha" in ASCII.
    private const long StartupLockKey = 0x436C65616E436861;

    private readonly ChatDbContext _db;
    private readonly DevelopmentDataSeeder _seeder;
    private readonly ILogger<DatabaseInitializer> _logger;

    public DatabaseInitializer(ChatDbContext db, DevelopmentDataSeeder seeder, ILogger<DatabaseInitializer> logger)
    {
        _db = db;
        _seeder = seeder;
        _logger = logger;
    }

    public async Task InitializeAsync(bool seedDevelopmentData, CancellationToken cancellationToken)
    {
        await _db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (_db.Database.IsNpgsql())
            {
                // Held by this connection until it closes, so a node that dies mid-migration frees it too.
                await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({StartupLockKey})", cancellationToken);

                // EF Core's PostgreSQL migrator reads the history table before creating it and logs the failed
                // read as an error on every fresh database (npgsql/efcore.pg#3407); created first, in its own DDL.
                await _db.Database.ExecuteSqlRawAsync(_db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
            }
            else
            {
                // WAL lets readers work while a writer commits; unlike other pragmas it is stored in the file.
                await _db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            }

            var pending = (await _db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                _logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await _db.Database.MigrateAsync(cancellationToken);
            }

            if (seedDevelopmentData)
                await _seeder.SeedAsync(cancellationToken);
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }
}
