using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings, applied every time a connection opens (they do not persist in the file):
/// enforce foreign keys, wait for a busy writer instead of failing at once, and sync commits as configured.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private readonly string _pragmas;

    public SqlitePragmaInterceptor(DatabaseOptions options) =>
        _pragmas = For(options);

    /// <summary>The settings every connection needs, EF Core's and the message writer's alike.</summary>
    public static string For(DatabaseOptions options) =>
        $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {options.BusyTimeoutMs}; PRAGMA synchronous = {options.Synchronous.ToString().ToUpperInvariant()}; " +
        $"PRAGMA cache_size = -{options.CacheSizeKiB}; PRAGMA wal_autocheckpoint = {options.WalAutoCheckpointPages};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }
}
