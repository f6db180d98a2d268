using CleanChat.Application.Common.Notifications;
using CleanChat.Infrastructure.Persistence.Events;
using CleanChat.Infrastructure.Realtime.Cluster;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// The notifier of a request or frame scope: delivers to the sockets of the notification's audience, with
/// the socket the current frame came from as the origin. With several nodes, what is not made from a
/// committed event on every node (typing, receipts of deliveries, …) goes over the nodes' bus instead,
/// which brings it back to this node's sockets with everyone else's.
/// </summary>
internal sealed class WebSocketChatNotifier : IChatNotifier
{
    private readonly NotificationDelivery _delivery;
    private readonly RealtimeFrameContext _frameContext;
    private readonly CommitOrderedEventDispatcher _ordered;
    private readonly INotificationRelay _relay;

    public WebSocketChatNotifier(NotificationDelivery delivery, RealtimeFrameContext frameContext, CommitOrderedEventDispatcher ordered, INotificationRelay relay)
    {
        _delivery = delivery;
        _frameContext = frameContext;
        _ordered = ordered;
        _relay = relay;
    }

    public async Task NotifyAsync(ChatNotification notification, CancellationToken cancellationToken)
    {
        if (_frameContext.InCommitLane || !await _relay.TryRelayAsync(notification, _frameContext.OriginConnectionId, cancellationToken))
            _delivery.Deliver(notification, _frameContext.OriginConnectionId);
    }

    // Over the bus, it follows the chat's committed events there: they were notified before it.
    public async Task NotifyInChatOrderAsync(ChatNotification notification, CancellationToken cancellationToken)
    {
        if (!await _relay.TryRelayAsync(notification, _frameContext.OriginConnectionId, cancellationToken))
            await _ordered.EnqueueAsync(notification, _frameContext.OriginConnectionId);
    }
}
