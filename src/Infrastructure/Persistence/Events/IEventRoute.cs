using System.Data.Common;
using CleanChat.Domain.Common;

namespace CleanChat.Infrastructure.Persistence.Events;

/// <summary>
/// How a commit's events reach the sockets. One node (SQLite): handed to this process's commit-ordered
/// lanes after the commit, while the write gate is held. Several nodes (PostgreSQL): carried by the
/// commit itself onto the database's bus, which brings them back to every node's lanes, this one's
/// included, in commit order (ADR 0016).
/// </summary>
public interface IEventRoute
{
    /// <summary>True when the commit must carry its events: its writes then run in an explicit transaction.</summary>
    bool CarriedByCommit { get; }

    /// <summary>
    /// Called inside the transaction, after the writes, before the commit: the events, and the accounts
    /// whose cached profiles every node must drop.
    /// </summary>
    Task CarryAsync(DbConnection connection, IReadOnlyList<(IDomainEvent Event, Guid? Origin)> events, IReadOnlyList<ParticipantRef> changedAccounts,
        CancellationToken cancellationToken);

    /// <summary>
    /// Called inside the transaction before the commit, for notifications the commit causes that are not
    /// made from a domain event on every node (the delivery recorder's receipts).
    /// </summary>
    Task CarryAsync(DbConnection connection, IReadOnlyList<Application.Common.Notifications.ChatNotification> notifications, CancellationToken cancellationToken);

    /// <summary>Called after the commit, in commit order, with the write gate still held.</summary>
    ValueTask CommittedAsync(IDomainEvent domainEvent, Guid? origin);
}

/// <summary>One node: events go straight to this process's lanes.</summary>
internal sealed class LocalEventRoute(CommitOrderedEventDispatcher lanes) : IEventRoute
{
    public bool CarriedByCommit => false;

    public Task CarryAsync(DbConnection connection, IReadOnlyList<(IDomainEvent Event, Guid? Origin)> events, IReadOnlyList<ParticipantRef> changedAccounts,
        CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CarryAsync(DbConnection connection, IReadOnlyList<Application.Common.Notifications.ChatNotification> notifications, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public ValueTask CommittedAsync(IDomainEvent domainEvent, Guid? origin) => lanes.EnqueueAsync(domainEvent, origin);
}
