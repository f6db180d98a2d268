using System.Collections.Concurrent;
using System.Data.Common;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Persistence.Events;

namespace CleanChat.Infrastructure.Realtime.Cluster;

/// <summary>
/// Several nodes: a commit notifies its events on the bus inside its transaction, and this node, like
/// every other, delivers them when its listener hears them. What this node committed is kept for a
/// moment in <see cref="RecentCommits"/>, so hearing its own commits costs no database read.
/// </summary>
internal sealed class ClusterEventRoute(ClusterBus bus, RecentCommits recent) : IEventRoute
{
    public bool CarriedByCommit => true;

    public Task CarryAsync(DbConnection connection, IReadOnlyList<(IDomainEvent Event, Guid? Origin)> events, IReadOnlyList<ParticipantRef> changedAccounts,
        CancellationToken cancellationToken) =>
        bus.NotifyInTransactionAsync(connection, events.Select(e => ClusterItem.Of(e.Event, e.Origin))
            .Concat(changedAccounts.Select(account => new AccountChangedItem { Account = account }))
            .ToList(), cancellationToken);

    public Task CarryAsync(DbConnection connection, IReadOnlyList<Application.Common.Notifications.ChatNotification> notifications, CancellationToken cancellationToken) =>
        bus.NotifyInTransactionAsync(connection, notifications.Select(n => RelayedNotifications.ToItem(n, origin: null)).OfType<ClusterItem>().ToList(), cancellationToken);

    public ValueTask CommittedAsync(IDomainEvent domainEvent, Guid? origin)
    {
        recent.Remember(ClusterItem.Of(domainEvent, origin), domainEvent);
        return ValueTask.CompletedTask;
    }
}

/// <summary>This node's committed events, by the item that announces them, until its listener hears them.</summary>
internal sealed class RecentCommits
{
    // A listener that is down leaves its node's commits here; past this many, start again (a miss costs a read).
    private const int Capacity = 20_000;

    private readonly ConcurrentDictionary<ClusterItem, IDomainEvent> _events = new();

    public void Remember(ClusterItem item, IDomainEvent domainEvent)
    {
        if (_events.Count >= Capacity)
            _events.Clear();
        _events[item] = domainEvent;
    }

    public bool TryTake(ClusterItem item, out IDomainEvent? domainEvent) => _events.TryRemove(item, out domainEvent);
}
