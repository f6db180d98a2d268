using System.Diagnostics;
using System.Threading.Channels;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Chats;
using CleanChat.Infrastructure.Persistence.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Persistence.Messages;

/// <summary>
/// Group commit for new messages. Senders queue their message and wait; one loop takes everything
/// queued (up to a bound), writes it in one transaction and syncs the disk once, hands the messages'
/// events to the <see cref="CommitOrderedEventDispatcher"/>, then releases every waiter. Under load a
/// commit carries hundreds of messages for the price of one fsync; when idle a message is committed
/// alone, at once. Each message's sequence number is taken from its chat's row
/// inside the same transaction, so numbers are gap-free and follow commit order.
/// </summary>
internal sealed class MessageWriter : IMessageStore, IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan SlowCommit = TimeSpan.FromMilliseconds(50);

    private readonly Channel<PendingMessage> _queue;
    private readonly WriteGate _writeGate;
    private readonly IMessageBatchWriter _store;
    private readonly DatabaseOptions _options;
    private readonly ILogger<MessageWriter> _logger;
    private readonly IEventRoute _events;
    private readonly Task _loop;
    private long _oldestInCommitQueuedAt;

    public MessageWriter(WriteGate writeGate, IEventRoute events, IMessageBatchWriter store, IOptions<DatabaseOptions> options, ILogger<MessageWriter> logger)
    {
        _events = events;
        _writeGate = writeGate;
        _store = store;
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingMessage>(new BoundedChannelOptions(Math.Max(1, _options.MessageQueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // A thread of its own: every sender waits on this loop, so its wake-ups must not queue behind the
        // thread pool's other work when the pool is busy (that added tens of milliseconds under load).
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public async Task<MessageAppendResult> AppendAsync(ChatMessage message, CancellationToken cancellationToken)
    {
        var pending = new PendingMessage(message);
        try
        {
            if (!_queue.Writer.TryWrite(pending))
                await _queue.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("The service is shutting down; the message was not stored.");
        }

        // Not cancellable from here on: once queued, the message may be committed, and the sender must
        // learn its id (a retry with the same client message id will then find it).
        var written = await pending.Completion.Task;
        return new MessageAppendResult(written.Id, written.IsDuplicate);
    }

    /// <summary>
    /// How long the oldest message not yet committed has waited: the head of the queue, or the commit
    /// under way if that started earlier. Zero when nothing waits.
    /// </summary>
    public TimeSpan CommitWait
    {
        get
        {
            var since = Volatile.Read(ref _oldestInCommitQueuedAt);
            if (_queue.Reader.TryPeek(out var oldest) && (since == 0 || oldest.QueuedAt < since))
                since = oldest.QueuedAt;
            return since == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(since);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops taking messages and commits everything already queued.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _loop.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _store.Dispose();
    }

    // Blocking waits are fine here: the loop owns its thread.
    private void Run()
    {
        var batch = new List<PendingMessage>(Math.Max(1, _options.MaxMessagesPerCommit));
        var minInterval = TimeSpan.FromMilliseconds(Math.Max(0, _options.MinCommitIntervalMs));
        var lastCommitStarted = 0L;
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            // Under load, let the next commit gather what arrives within the interval; after a quiet spell the
            // interval has long passed and the message goes at once.
            var sinceLastCommit = Stopwatch.GetElapsedTime(lastCommitStarted);
            if (sinceLastCommit < minInterval && _queue.Reader.Count < batch.Capacity)
                Thread.Sleep(minInterval - sinceLastCommit);

            lastCommitStarted = Stopwatch.GetTimestamp();
            while (batch.Count < batch.Capacity && _queue.Reader.TryRead(out var next))
                batch.Add(next);
            Volatile.Write(ref _oldestInCommitQueuedAt, batch[0].QueuedAt);

            var waitedFrom = Stopwatch.GetTimestamp();
            using (_writeGate.EnterAsync(CancellationToken.None).GetAwaiter().GetResult())
            {
                var committedFrom = Stopwatch.GetTimestamp();
                CommitBatch(batch);
                ReportIfSlow(batch.Count, Stopwatch.GetElapsedTime(waitedFrom, committedFrom), Stopwatch.GetElapsedTime(committedFrom));

                // Announced in commit order, before another commit can slip in between (the gate is still held).
                foreach (var pending in batch)
                    Announce(pending);
            }

            Volatile.Write(ref _oldestInCommitQueuedAt, 0);
            foreach (var pending in batch)
                pending.Release();

            batch.Clear();
        }
    }

    private void Announce(PendingMessage pending)
    {
        if (pending.Outcome is not { IsDuplicate: false } written)
            return;

        var message = pending.Message;
        message.RecordStored(written.Id, written.Seq);
        try
        {
            foreach (var domainEvent in message.DomainEvents)
            {
                var queued = _events.CommittedAsync(domainEvent, origin: null);
                if (!queued.IsCompletedSuccessfully)
                    queued.AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception ex)
        {
            // Only when the dispatcher has already stopped (shutdown). The message is committed: its sender
            // still gets its answer, and the loop must live on to answer the others.
            _logger.LogWarning(ex, "Message {MessageId} was committed but could not be announced", written.Id);
        }

        message.ClearDomainEvents();
    }

    // Slow commits are what users feel as late messages; say how slow, and whether the gate or the database was the cause.
    private void ReportIfSlow(int count, TimeSpan waitedForGate, TimeSpan committing)
    {
        if (waitedForGate + committing >= SlowCommit)
            _logger.LogWarning("Committing {Count} messages took {CommitMs:F1} ms after waiting {WaitMs:F1} ms for the write gate",
                count, committing.TotalMilliseconds, waitedForGate.TotalMilliseconds);
    }

    private void CommitBatch(List<PendingMessage> batch)
    {
        try
        {
            var written = _store.Write(batch.ConvertAll(pending => pending.Message));
            for (var i = 0; i < batch.Count; i++)
                batch[i].Outcome = written[i];
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One bad message must not sink the others: write each alone to find it.
            _logger.LogWarning(ex, "A group commit of {Count} messages failed; committing them one by one", batch.Count);
            foreach (var pending in batch)
                CommitBatch(new List<PendingMessage>(1) { pending });
        }
        catch (Exception ex)
        {
            batch[0].Failure = ex;
        }
    }

    private sealed class PendingMessage(ChatMessage message)
    {
        public ChatMessage Message { get; } = message;

        public long QueuedAt { get; } = Stopwatch.GetTimestamp();

        // Continuations run on the thread pool, never inline on the writer's loop.
        public TaskCompletionSource<WrittenMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public WrittenMessage? Outcome { get; set; }

        public Exception? Failure { get; set; }

        public void Release()
        {
            if (Outcome is { } written)
                Completion.TrySetResult(written);
            else
                Completion.TrySetException(Failure ?? new InvalidOperationException("The message was not committed."));
        }
    }
}
