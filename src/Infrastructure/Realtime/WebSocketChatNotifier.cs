using CleanChat.Application.Common.Notifications;
using CleanChat.Infrastructure.Persistence.Events;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// The notifier of a request or frame scope: delivers to the sockets of the notification's audience, with
/// the socket the current frame came from as the origin.
/// </summary>
internal sealed class WebSocketChatNotifier : IChatNotifier
{
    private readonly NotificationDelivery _delivery;
    private readonly RealtimeFrameContext _frameContext;
    private readonly CommitOrderedEventDispatcher _ordered;

    public WebSocketChatNotifier(NotificationDelivery delivery, RealtimeFrameContext frameContext, CommitOrderedEventDispatcher ordered)
    {
        _delivery = delivery;
        _frameContext = frameContext;
        _ordered = ordered;
    }

    public Task NotifyAsync(ChatNotification notification, CancellationToken cancellationToken)
    {
        _delivery.Deliver(notification, _frameContext.OriginConnectionId);
        return Task.CompletedTask;
    }

    public Task NotifyInChatOrderAsync(ChatNotification notification, CancellationToken cancellationToken) =>
        _ordered.EnqueueAsync(notification, _frameContext.OriginConnectionId).AsTask();
}
