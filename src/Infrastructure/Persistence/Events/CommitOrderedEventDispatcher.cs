using System.Diagnostics;
using System.Threading.Channels;
using CleanChat.Application.Common.Events;
using CleanChat.Application.Common.Notifications;
using CleanChat.Domain.Chats.Events;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Persistence.Events;

/// <summary>
/// The one route from a commit to the sockets: publishes every committed event of a chat (messages sent,
/// edited, deleted and read; the chat created, archived, its members changed) in the order they were
/// committed, so every socket sees a chat's messages in <c>seq</c> order, an edit never before the
/// message it edits, and a removed member nothing committed after the removal. Committers hand events
/// over while they still hold the write gate, which makes the order of handing over the commit order;
/// each chat always goes to the same lane, and a lane publishes one item after another. Lanes run side
/// by side, one per core, so chats do not wait for each other. A notification that must not overtake
/// the chat's committed events (a repeated send) queues on the same lane.
/// </summary>
internal sealed class CommitOrderedEventDispatcher : IHostedService, IAsyncDisposable
{
    private readonly Channel<LaneItem>[] _lanes;
    private readonly long[] _oldestInPublishQueuedAt;
    private readonly Task[] _loops;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<CommitOrderedEventDispatcher> _logger;

    public CommitOrderedEventDispatcher(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<CommitOrderedEventDispatcher> logger)
    {
        _scopes = scopes;
        _logger = logger;
        var capacity = Math.Max(1, options.Value.MessageQueueCapacity);
        _lanes = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount))
            .Select(_ => Channel.CreateBounded<LaneItem>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }))
            .ToArray();
        _oldestInPublishQueuedAt = new long[_lanes.Length];
        _loops = _lanes.Select((lane, index) => Task.Run(() => RunAsync(lane.Reader, index))).ToArray();
    }

    /// <summary>The chat a committed event belongs to; its lane is chosen by it.</summary>
    public static long ChatOf(IDomainEvent domainEvent) => domainEvent switch
    {
        MessageSent e => e.Message.ChatId,
        MessageEdited e => e.Message.ChatId,
        MessageDeleted e => e.Message.ChatId,
        MessagesRead e => e.Chat.Id,
        ChatCreated e => e.Chat.Id,
        ParticipantAdded e => e.Chat.Id,
        ParticipantRemoved e => e.Chat.Id,
        ChatArchiveStateChanged e => e.Chat.Id,
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent.GetType().Name, "Every domain event belongs to a chat."),
    };

    /// <summary>
    /// Queues a committed event; call it in commit order, before releasing the write gate.
    /// <paramref name="originConnectionId"/> is the socket whose frame made the change, if any (it is
    /// left out of notifications meant for the others).
    /// </summary>
    public ValueTask EnqueueAsync(IDomainEvent domainEvent, Guid? originConnectionId = null) =>
        Enqueue(ChatOf(domainEvent), new LaneItem(domainEvent, null, originConnectionId));

    /// <summary>Queues a notification behind every event of its chat committed so far.</summary>
    public ValueTask EnqueueAsync(ChatNotification notification, Guid? originConnectionId) =>
        Enqueue(notification.ChatId, new LaneItem(null, notification, originConnectionId));

    private ValueTask Enqueue(long chatId, LaneItem item)
    {
        var lane = _lanes[(int)((ulong)chatId % (ulong)_lanes.Length)];
        return lane.Writer.TryWrite(item) ? ValueTask.CompletedTask : lane.Writer.WriteAsync(item);
    }

    /// <summary>
    /// How long the oldest committed item not yet published has waited, over all lanes: zero when the
    /// lanes keep up. Past the service's capacity this is where delivery falls behind.
    /// </summary>
    public TimeSpan PublishLag
    {
        get
        {
            var oldest = long.MaxValue;
            for (var i = 0; i < _lanes.Length; i++)
            {
                var since = Volatile.Read(ref _oldestInPublishQueuedAt[i]);
                if (since != 0 && since < oldest)
                    oldest = since;
                if (_lanes[i].Reader.TryPeek(out var head) && head.QueuedAt < oldest)
                    oldest = head.QueuedAt;
            }

            return oldest == long.MaxValue ? TimeSpan.Zero : Stopwatch.GetElapsedTime(oldest);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Publishes what is queued, then stops.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in _lanes)
            lane.Writer.TryComplete();
        await Task.WhenAll(_loops).WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
            lane.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private async Task RunAsync(ChannelReader<LaneItem> reader, int lane)
    {
        var batch = new List<LaneItem>();
        var events = new List<IDomainEvent>();
        while (await reader.WaitToReadAsync())
        {
            // Whatever has queued up is published in one scope, still one item after another.
            while (batch.Count < 256 && reader.TryRead(out var next))
                batch.Add(next);
            Volatile.Write(ref _oldestInPublishQueuedAt[lane], batch[0].QueuedAt);

            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var origin = scope.ServiceProvider.GetRequiredService<RealtimeFrameContext>();
                origin.InCommitLane = true;
                var publisher = scope.ServiceProvider.GetRequiredService<IDomainEventPublisher>();
                var notifier = scope.ServiceProvider.GetRequiredService<IChatNotifier>();
                foreach (var item in batch)
                {
                    origin.OriginConnectionId = item.OriginConnectionId;
                    if (item.Notification is { } notification)
                    {
                        await notifier.NotifyAsync(notification, CancellationToken.None);
                        continue;
                    }

                    // One event at a time: each may have its own origin.
                    events.Add(item.Event!);
                    await publisher.PublishAsync(events, CancellationToken.None);
                    events.Clear();
                }
            }
            catch (Exception ex)
            {
                // The publisher already isolates handler failures; this is the scope itself failing.
                _logger.LogError(ex, "Publishing {Count} committed chat events failed", batch.Count);
            }

            Volatile.Write(ref _oldestInPublishQueuedAt[lane], 0);
            batch.Clear();
            events.Clear();
        }
    }

    /// <summary>A committed event or an ordered notification, with the socket whose frame caused it.</summary>
    private readonly record struct LaneItem(IDomainEvent? Event, ChatNotification? Notification, Guid? OriginConnectionId)
    {
        public long QueuedAt { get; } = Stopwatch.GetTimestamp();
    }
}
