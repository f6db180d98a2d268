using CleanChat.Domain.Common;
using CleanChat.Domain.Push;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>Web Push, as the service sends it: queued and sent off the send path.</summary>
public interface IPushDelivery
{
    /// <summary>The VAPID public key browsers subscribe with (base64url), or null when push is not configured.</summary>
    string? PublicKey { get; }

    /// <summary>Queues a push; false when push is off or the queue is full (the push is then dropped, never the send).</summary>
    bool TryEnqueue(PushJob job);
}

/// <summary>One message to announce to the subscriptions of some accounts: only ids, a name and a short preview travel.</summary>
public sealed record PushJob(long ChatId, long MessageId, string SenderName, string Preview, IReadOnlyList<ParticipantRef> Recipients);

public interface IPushSubscriptionRepository
{
    Task<PushSubscription?> FindAsync(string endpoint, CancellationToken cancellationToken);

    void Add(PushSubscription subscription);

    void Remove(PushSubscription subscription);

    /// <summary>The account's subscriptions, oldest first, tracked (to make room for a new browser).</summary>
    Task<IReadOnlyList<PushSubscription>> OfAsync(ParticipantRef owner, CancellationToken cancellationToken);
}
