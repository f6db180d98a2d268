using CleanChat.Application.Common.Notifications;

namespace CleanChat.Infrastructure.Realtime.Cluster;

/// <summary>Sends a notification that is never stored to every node (this one included), where there are several.</summary>
internal interface INotificationRelay
{
    /// <summary>False when it does not travel (one node, or a kind every node makes itself): deliver it here.</summary>
    Task<bool> TryRelayAsync(ChatNotification notification, Guid? origin, CancellationToken cancellationToken);
}

/// <summary>One node: nothing travels.</summary>
internal sealed class NoRelay : INotificationRelay
{
    public Task<bool> TryRelayAsync(ChatNotification notification, Guid? origin, CancellationToken cancellationToken) => Task.FromResult(false);
}

/// <summary>Several nodes: over the bus, at once, outside any transaction.</summary>
internal sealed class ClusterNotificationRelay(ClusterBus bus) : INotificationRelay
{
    public async Task<bool> TryRelayAsync(ChatNotification notification, Guid? origin, CancellationToken cancellationToken)
    {
        if (RelayedNotifications.ToItem(notification, origin) is not { } item)
            return false;
        await bus.NotifyNowAsync([item], cancellationToken);
        return true;
    }
}
