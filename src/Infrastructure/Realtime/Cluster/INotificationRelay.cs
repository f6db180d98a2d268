using System.Threading.Channels;
using CleanChat.Application.Common.Notifications;
using Microsoft.Extensions.Logging;

namespace CleanChat.Infrastructure.Realtime.Cluster;

/// <summary>Sends a notification that is never stored to every node (this one included), where there are several.</summary>
public interface INotificationRelay
{
    /// <summary>False when it does not travel (one node, or a kind every node makes itself): deliver it here.</summary>
    Task<bool> TryRelayAsync(ChatNotification notification, Guid? origin, CancellationToken cancellationToken);

    /// <summary>The same without waiting (for the socket gateway's own notices): queued, sent in order.</summary>
    bool TryRelayLater(ChatNotification notification, Guid? origin);
}

/// <summary>One node: nothing travels.</summary>
internal sealed class NoRelay : INotificationRelay
{
    public Task<bool> TryRelayAsync(ChatNotification notification, Guid? origin, CancellationToken cancellationToken) => Task.FromResult(false);

    public bool TryRelayLater(ChatNotification notification, Guid? origin) => false;
}

/// <summary>Several nodes: over the bus, outside any transaction.</summary>
internal sealed class ClusterNotificationRelay : INotificationRelay, IAsyncDisposable
{
    private readonly ClusterBus _bus;
    private readonly ILogger<ClusterNotificationRelay> _logger;
    private readonly Channel<ClusterItem> _later = Channel.CreateBounded<ClusterItem>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly Task _sending;

    public ClusterNotificationRelay(ClusterBus bus, ILogger<ClusterNotificationRelay> logger)
    {
        _bus = bus;
        _logger = logger;
        _sending = Task.Run(SendLaterAsync);
    }

    public async Task<bool> TryRelayAsync(ChatNotification notification, Guid? origin, CancellationToken cancellationToken)
    {
        if (RelayedNotifications.ToItem(notification, origin) is not { } item)
            return false;
        await _bus.NotifyNowAsync([item], cancellationToken);
        return true;
    }

    // A full queue (the database unreachable for a while) keeps the notice to this node's sockets.
    public bool TryRelayLater(ChatNotification notification, Guid? origin) =>
        RelayedNotifications.ToItem(notification, origin) is { } item && _later.Writer.TryWrite(item);

    public async ValueTask DisposeAsync()
    {
        _later.Writer.TryComplete();
        await _sending;
    }

    private async Task SendLaterAsync()
    {
        while (await _later.Reader.WaitToReadAsync())
        {
            var batch = new List<ClusterItem>();
            while (batch.Count < 500 && _later.Reader.TryRead(out var item))
                batch.Add(item);
            try
            {
                await _bus.NotifyNowAsync(batch, CancellationToken.None);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "{Count} notices of sockets joining or leaving chats did not reach the other nodes", batch.Count);
            }
        }
    }
}
