using System.Data.Common;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace CleanChat.Infrastructure.Realtime.Cluster;

/// <summary>
/// The nodes' bus: PostgreSQL's NOTIFY on one channel. Items of a commit are notified inside its
/// transaction, so every node hears them when (and only if) it commits, in commit order; what is never
/// stored is notified on its own. Several items share a notification, each notification under
/// PostgreSQL's 8,000-byte limit.
/// </summary>
internal sealed class ClusterBus
{
    public const string Channel = "cleanchat";

    private const int MaxPayloadBytes = 7_900;
    private const string NotifySql = "SELECT pg_notify('" + Channel + "', p) FROM unnest(@payloads) WITH ORDINALITY AS n(p, i) ORDER BY i";

    private readonly NpgsqlDataSource _dataSource;

    public ClusterBus(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>Notifies inside the caller's transaction (on commit, every node hears it).</summary>
    public void NotifyInTransaction(NpgsqlConnection connection, IReadOnlyList<ClusterItem> items)
    {
        if (items.Count == 0)
            return;
        using var notify = Command(connection, items);
        notify.ExecuteNonQuery();
    }

    /// <inheritdoc cref="NotifyInTransaction"/>
    public async Task NotifyInTransactionAsync(DbConnection connection, IReadOnlyList<ClusterItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
            return;
        await using var notify = Command((NpgsqlConnection)connection, items);
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Notifies at once, outside any transaction: for what is never stored.</summary>
    public async Task NotifyNowAsync(IReadOnlyList<ClusterItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
            return;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var notify = Command(connection, items);
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }

    public static IReadOnlyList<ClusterItem> Decode(string payload) =>
        JsonSerializer.Deserialize<ClusterItem[]>(payload) ?? [];

    /// <summary>The items as JSON arrays, as many to a notification as fit.</summary>
    internal static List<string> Payloads(IReadOnlyList<ClusterItem> items)
    {
        var payloads = new List<string>();
        var current = new StringBuilder("[");
        var bytes = 1;
        foreach (var item in items)
        {
            var json = JsonSerializer.Serialize(item);
            var size = Encoding.UTF8.GetByteCount(json) + 1;
            if (current.Length > 1 && bytes + size + 1 > MaxPayloadBytes)
            {
                payloads.Add(current.Append(']').ToString());
                current.Clear().Append('[');
                bytes = 1;
            }

            if (current.Length > 1)
                current.Append(',');
            current.Append(json);
            bytes += size;
        }

        payloads.Add(current.Append(']').ToString());
        return payloads;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, IReadOnlyList<ClusterItem> items)
    {
        var command = new NpgsqlCommand(NotifySql, connection);
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Payloads(items).ToArray() });
        return command;
    }
}
