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
        var postgres = _db.Database.IsNpgsql();
        await _db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (postgres)
            {
                // Held by this connection until released below, or until the connection ends if the node dies.
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
            // Released explicitly: closing only returns the connection to the pool, which keeps the session
            // and its lock (the other nodes then waited until their command timed out; a test found it).
            if (postgres)
                await ReleaseStartupLockAsync();
            await _db.Database.CloseConnectionAsync();
        }
    }

    private async Task ReleaseStartupLockAsync()
    {
        try
        {
            await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({StartupLockKey})", CancellationToken.None);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // The connection broke (and the lock with it): the failure that broke it is the one to report.
            _logger.LogDebug(ex, "The start-up lock was not released explicitly; its connection is gone.");
        }
    }
}
