using System.Threading.Channels;
using CleanChat.Application.Common.Events;
using CleanChat.Domain.Chats.Events;
using CleanChat.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Persistence.Events;

/// <summary>
/// Publishes the events of a chat's messages (sent, edited, deleted) in the order they were committed,
/// so every socket sees a chat's messages in <c>seq</c> order and an edit never before the message it
/// edits. Committers hand events over while they still hold the write gate, which makes the order of
/// handing over the commit order; each chat always goes to the same lane, and a lane publishes one
/// event after another. Lanes run side by side, one per core, so chats do not wait for each other.
/// </summary>
internal sealed class CommitOrderedEventDispatcher : IHostedService, IAsyncDisposable
{
    private readonly Channel<IDomainEvent>[] _lanes;
    private readonly Task[] _loops;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<CommitOrderedEventDispatcher> _logger;

    public CommitOrderedEventDispatcher(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<CommitOrderedEventDispatcher> logger)
    {
        _scopes = scopes;
        _logger = logger;
        var capacity = Math.Max(1, options.Value.MessageQueueCapacity);
        _lanes = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount))
            .Select(_ => Channel.CreateBounded<IDomainEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }))
            .ToArray();
        _loops = _lanes.Select(lane => Task.Run(() => RunAsync(lane.Reader))).ToArray();
    }

    /// <summary>The chat a message event belongs to, or null for events published straight after their commit.</summary>
    public static long? OrderedChatOf(IDomainEvent domainEvent) => domainEvent switch
    {
        MessageSent e => e.Message.ChatId,
        MessageEdited e => e.Message.ChatId,
        MessageDeleted e => e.Message.ChatId,
        _ => null,
    };

    /// <summary>Queues a committed event; call it in commit order, before releasing the write gate.</summary>
    public ValueTask EnqueueAsync(long chatId, IDomainEvent domainEvent)
    {
        var lane = _lanes[(int)((ulong)chatId % (ulong)_lanes.Length)];
        return lane.Writer.TryWrite(domainEvent) ? ValueTask.CompletedTask : lane.Writer.WriteAsync(domainEvent);
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

    private async Task RunAsync(ChannelReader<IDomainEvent> reader)
    {
        var batch = new List<IDomainEvent>();
        while (await reader.WaitToReadAsync())
        {
            // Whatever has queued up is published in one scope, still one event after another.
            while (batch.Count < 256 && reader.TryRead(out var next))
                batch.Add(next);

            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IDomainEventPublisher>().PublishAsync(batch, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // The publisher already isolates handler failures; this is the scope itself failing.
                _logger.LogError(ex, "Publishing {Count} committed message events failed", batch.Count);
            }

            batch.Clear();
        }
    }
}
