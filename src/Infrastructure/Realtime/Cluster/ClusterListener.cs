using System.Threading.Channels;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Chats.Events;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Persistence;
using CleanChat.Infrastructure.Persistence.Caching;
using CleanChat.Infrastructure.Persistence.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CleanChat.Infrastructure.Realtime.Cluster;

/// <summary>
/// This node's ear on the nodes' bus (ADR 0016): one connection that LISTENs, and one loop that turns what
/// it hears, in the order heard (the commit order), into the same domain events and notifications the
/// commit-ordered lanes publish on one node, loading what the items only name (batched, per notification).
/// It keeps each chat's last announced <c>seq</c>: a message heard twice is dropped, a gap is filled from
/// the database first, and after the connection drops (or the inbox overflows) every chat it knows is
/// caught up from the database before anything newer is announced, and the caches are dropped.
/// </summary>
internal sealed class ClusterListener : BackgroundService
{
    private const int InboxCapacity = 100_000;
    private const int TrackedChats = 100_000;
    private const int MaxCatchUpMessages = 10_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly CommitOrderedEventDispatcher _lanes;
    private readonly RecentCommits _recent;
    private readonly ChatDirectory _chats;
    private readonly ParticipantProfiles _profiles;
    private readonly ClusterPresence _presence;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<ClusterListener> _logger;
    private readonly Channel<string?> _inbox = Channel.CreateBounded<string?>(new BoundedChannelOptions(InboxCapacity) { SingleReader = true });
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<long, long> _lastSeq = new();
    private int _missed;

    public ClusterListener(NpgsqlDataSource dataSource, CommitOrderedEventDispatcher lanes, RecentCommits recent, ChatDirectory chats,
        ParticipantProfiles profiles, ClusterPresence presence, IServiceScopeFactory scopes, ILogger<ClusterListener> logger)
    {
        _presence = presence;
        _dataSource = dataSource;
        _lanes = lanes;
        _recent = recent;
        _chats = chats;
        _profiles = profiles;
        _scopes = scopes;
        _logger = logger;
    }

    /// <summary>How many times the listening connection was (re)established; for tests and diagnostics.</summary>
    public int Connections { get; private set; }

    /// <summary>The PostgreSQL backend of the listening connection (<c>pg_stat_activity.pid</c>).</summary>
    public int BackendProcessId { get; private set; }

    /// <summary>Ready once LISTEN holds: a commit before that would not be heard here.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        await _listening.Task.WaitAsync(StartTimeout, cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), Task.Run(() => HandleAsync(stoppingToken), stoppingToken));

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stoppingToken);
                BackendProcessId = connection.ProcessID;
                connection.Notification += (_, e) => Heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ClusterBus.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);

                // Anything committed while this node was not listening is read from the database, in order.
                if (Connections++ > 0)
                    Heard(null);
                _listening.TrySetResult();
                backoff = TimeSpan.FromMilliseconds(100);
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "The cluster listener lost its connection; listening again in {Delay} ms, then catching up", (int)backoff.TotalMilliseconds);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    // Null is the catch-up marker. A full inbox drops the payload and asks for a catch-up instead.
    private void Heard(string? payload)
    {
        if (!_inbox.Writer.TryWrite(payload))
            Interlocked.Exchange(ref _missed, 1);
    }

    private async Task HandleAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _inbox.Reader.WaitToReadAsync(stoppingToken))
            {
                while (_inbox.Reader.TryRead(out var payload))
                {
                    try
                    {
                        if (payload is null)
                            await CatchUpAsync(stoppingToken);
                        else
                            await AnnounceAsync(ClusterBus.Decode(payload), stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Messages are caught up by seq; an edit or receipt of this payload is lost to this node.
                        _logger.LogError(ex, "Announcing what the cluster bus carried failed; catching up");
                        Interlocked.Exchange(ref _missed, 1);
                    }
                }

                if (Interlocked.Exchange(ref _missed, 0) == 1)
                    await CatchUpAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task AnnounceAsync(IReadOnlyList<ClusterItem> items, CancellationToken cancellationToken)
    {
        var known = new Dictionary<ClusterItem, IDomainEvent>();
        foreach (var item in items)
        {
            if (_recent.TryTake(item, out var domainEvent))
                known[item] = domainEvent!;
        }

        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var messages = await LoadMessagesAsync(db, items.OfType<MessageItem>().Where(i => !known.ContainsKey(i)).Select(i => i.MessageId), cancellationToken);
        var chats = await LoadChatsAsync(db, items.OfType<ChatItem>().Where(i => !known.ContainsKey(i)).Select(i => i.ChatId), cancellationToken);

        foreach (var item in items)
        {
            switch (item)
            {
                case MessageSentItem sent:
                    await AnnounceSentAsync(db, sent, known.GetValueOrDefault(item) ?? Rebuild(item, messages, chats), cancellationToken);
                    break;
                case PresenceItem presence:
                    _presence.Heard(presence);
                    break;
                case AccountChangedItem account:
                    _profiles.Invalidate(account.Account);
                    break;
                case NotificationItem relayed:
                    if (RelayedNotifications.FromItem(relayed) is { } notification)
                        await _lanes.EnqueueAsync(notification, relayed.Origin);
                    break;
                default:
                    // Membership and state: the node that committed dropped its snapshot; every other does now.
                    if (item is ChatCreatedItem or ParticipantAddedItem or ParticipantRemovedItem or ArchiveChangedItem)
                        _chats.Invalidate(item.ChatId);
                    if ((known.GetValueOrDefault(item) ?? Rebuild(item, messages, chats)) is { } domainEvent)
                        await _lanes.EnqueueAsync(domainEvent, item.Origin);
                    break;
            }
        }
    }

    private async Task AnnounceSentAsync(ChatDbContext db, MessageSentItem sent, IDomainEvent? domainEvent, CancellationToken cancellationToken)
    {
        if (_lastSeq.TryGetValue(sent.ChatId, out var last))
        {
            if (sent.Seq <= last)
                return;
            if (sent.Seq > last + 1)
            {
                var missing = await db.ChatMessages.AsNoTracking()
                    .Where(m => m.ChatId == sent.ChatId && m.Seq > last && m.Seq < sent.Seq)
                    .OrderBy(m => m.Seq).ToListAsync(cancellationToken);
                foreach (var message in missing)
                    await _lanes.EnqueueAsync(new MessageSent(message, message.CreatedAt));
            }
        }

        if (domainEvent is not null)
            await _lanes.EnqueueAsync(domainEvent, sent.Origin);
        Track(sent.ChatId, sent.Seq);
    }

    /// <summary>Every chat this node has announced messages of, from its last announced seq on; and fresh caches.</summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        _chats.InvalidateAll();
        _profiles.InvalidateAll();
        if (_lastSeq.Count == 0)
            return;

        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var chatIds = _lastSeq.Keys.ToArray();
        var lastSeqs = chatIds.Select(id => _lastSeq[id]).ToArray();
        var missed = await db.ChatMessages
            .FromSql($"""
                SELECT m.* FROM unnest({chatIds}, {lastSeqs}) AS t(chat_id, last_seq)
                JOIN chat_messages AS m ON m.chat_id = t.chat_id AND m.seq > t.last_seq
                """)
            .AsNoTracking().OrderBy(m => m.ChatId).ThenBy(m => m.Seq).Take(MaxCatchUpMessages).ToListAsync(cancellationToken);
        foreach (var message in missed)
        {
            await _lanes.EnqueueAsync(new MessageSent(message, message.CreatedAt));
            Track(message.ChatId, message.Seq);
        }

        _logger.LogInformation("Caught up {Count} messages in {Chats} chats after the cluster listener reconnected", missed.Count, chatIds.Length);
    }

    private void Track(long chatId, long seq)
    {
        // Past the bound, start again: a chat not tracked takes its next message as its baseline.
        if (_lastSeq.Count >= TrackedChats && !_lastSeq.ContainsKey(chatId))
            _lastSeq.Clear();
        _lastSeq[chatId] = seq;
    }

    private IDomainEvent? Rebuild(ClusterItem item, Dictionary<long, ChatMessage> messages, Dictionary<long, Chat> chats)
    {
        IDomainEvent? rebuilt = item switch
        {
            MessageSentItem i => messages.TryGetValue(i.MessageId, out var m) ? new MessageSent(m, m.CreatedAt) : null,
            MessageEditedItem i => messages.TryGetValue(i.MessageId, out var m) ? new MessageEdited(m, i.At) : null,
            MessageDeletedItem i => messages.TryGetValue(i.MessageId, out var m) ? new MessageDeleted(m, i.By, i.At) : null,
            MessagesReadItem i => chats.TryGetValue(i.ChatId, out var c) ? new MessagesRead(c, i.Reader, i.UpToMessageId, i.At) : null,
            ChatCreatedItem i => chats.TryGetValue(i.ChatId, out var c) ? new ChatCreated(c, i.By, i.At) : null,
            ParticipantAddedItem i => chats.TryGetValue(i.ChatId, out var c) ? new ParticipantAdded(c, i.Participant, i.At) : null,
            ParticipantRemovedItem i => chats.TryGetValue(i.ChatId, out var c) ? new ParticipantRemoved(c, i.Participant, i.At) : null,
            ArchiveChangedItem i => chats.TryGetValue(i.ChatId, out var c) ? new ChatArchiveStateChanged(c, i.IsArchived, i.At) : null,
            _ => null,
        };
        if (rebuilt is null)
            _logger.LogWarning("The cluster bus named {Item}, which is not in the database", item);
        return rebuilt;
    }

    private static async Task<Dictionary<long, ChatMessage>> LoadMessagesAsync(ChatDbContext db, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0
            ? new Dictionary<long, ChatMessage>()
            : await db.ChatMessages.AsNoTracking().Where(m => wanted.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
    }

    private static async Task<Dictionary<long, Chat>> LoadChatsAsync(ChatDbContext db, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0
            ? new Dictionary<long, Chat>()
            : await db.Chats.AsNoTracking().Include(c => c.Participants).Where(c => wanted.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
    }
}
