using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// Checkpoints the write-ahead log in the background while nobody else uses the database. SQLite's
/// automatic checkpoint would run inside whichever commit crossed 1,000 pages, concurrently with readers;
/// readers racing a checkpoint retry with a sleep that this SQLite build rounds up to a whole second,
/// and the bundled 3.35.5 wants no checkpointer concurrent with writers. Holding the write gate and every
/// connection slot for a short checkpoint avoids both, at the price of a pause of a few milliseconds.
/// </summary>
internal sealed class WalCheckpointer : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly SqliteWriteGate _writeGate;
    private readonly ConnectionLimitInterceptor _connections;
    private readonly DatabaseOptions _options;
    private readonly ILogger<WalCheckpointer> _logger;

    public WalCheckpointer(IServiceScopeFactory scopes, SqliteWriteGate writeGate, ConnectionLimitInterceptor connections, IOptions<DatabaseOptions> options, ILogger<WalCheckpointer> logger)
    {
        _scopes = scopes;
        _writeGate = writeGate;
        _connections = connections;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        using (var scope = _scopes.CreateScope())
            connectionString = scope.ServiceProvider.GetRequiredService<ChatDbContext>().Database.GetConnectionString()!;
        var wal = new SqliteConnectionStringBuilder(connectionString).DataSource + "-wal";

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.CheckpointIntervalMs));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (File.Exists(wal) && new FileInfo(wal).Length > _options.CheckpointWalBytes)
                    await CheckpointAsync(connectionString, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Checkpointing the write-ahead log failed; it will be tried again");
            }
        }
    }

    private async Task CheckpointAsync(string connectionString, CancellationToken cancellationToken)
    {
        using var writing = await _writeGate.EnterAsync(cancellationToken);
        using var exclusive = await _connections.ExclusiveAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();

        // A connection of its own, outside EF (and so outside the slot count it has just taken whole).
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var timeout = connection.CreateCommand())
        {
            timeout.CommandText = $"PRAGMA busy_timeout = {_options.BusyTimeoutMs};";
            await timeout.ExecuteNonQueryAsync(cancellationToken);
        }

        // TRUNCATE copies every frame back and empties the log, so the file stops growing.
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await using var reader = await checkpoint.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) != 0)
            _logger.LogWarning("Write-ahead log checkpoint was blocked; it will be tried again");
        _logger.LogDebug("Checkpointed the write-ahead log in {ElapsedMs:0.0} ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
