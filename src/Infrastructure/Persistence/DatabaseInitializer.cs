using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>Brings the database to the shipped schema at start-up, so a fresh machine needs no set-up step.</summary>
public sealed class DatabaseInitializer
{
    private readonly ChatDbContext _db;
    private readonly ILogger<DatabaseInitializer> _logger;

    public DatabaseInitializer(ChatDbContext db, ILogger<DatabaseInitializer> logger)
    {
        _db = db;
        _logger = logger;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // WAL lets readers work while a writer commits; unlike other pragmas it is stored in the file.
        await _db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await _db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            var pending = (await _db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                _logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await _db.Database.MigrateAsync(cancellationToken);
            }
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }
}
