using System.Collections.Concurrent;
using System.Net.WebSockets;
using CleanChat.Application.Chats;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Realtime.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// Lifecycle of real-time connections: opening (caps, token expiry), following chats (user_joined /
/// user_left), closing, and closing everything with 1001 when the server shuts down.
/// </summary>
public sealed class RealtimeGateway : ISessionSockets
{
    private readonly ConnectionRegistry _registry;
    private readonly Cluster.INotificationRelay _relay;
    private readonly NotificationDelivery _delivery;
    private readonly RealtimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RealtimeGateway> _logger;
    private readonly ConcurrentDictionary<Guid, ITimer> _expiryTimers = new();
    private readonly Statistics.RealtimeTraffic _traffic;

    public RealtimeGateway(ConnectionRegistry registry, NotificationDelivery delivery, Cluster.INotificationRelay relay, Statistics.RealtimeTraffic traffic,
        IOptions<RealtimeOptions> options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<RealtimeGateway> logger)
    {
        _registry = registry;
        _traffic = traffic;
        _delivery = delivery;
        _relay = relay;
        _options = options.Value;
        _time = time;
        _logger = logger;
        lifetime.ApplicationStopping.Register(CloseAll);
    }

    public RealtimeOptions Options => _options;

    public bool IsFull => _registry.Count >= _options.MaxConnections;

    /// <summary>Registers an authenticated socket; on success it has already been sent its <c>connected</c> frame.</summary>
    /// <param name="sessionId">The browser session that signed the socket in, if one did: the socket closes when it ends.</param>
    /// <param name="announce">Send <c>connected</c> now; false when the caller sends it once the socket follows what it should.</param>
    /// <param name="endpoint">The route template the socket was opened on, for statistics.</param>
    public (RealtimeConnection? Connection, RegistrationResult Result) Open(WebSocket socket, Caller caller, DateTime tokenExpiresAt, IRealtimeCodec codec, string endpoint,
        long? sessionId = null, bool announce = true)
    {
        var connection = new RealtimeConnection(socket, caller, codec, _traffic.For(caller, codec), _options.OutboundQueueFrames, TimeSpan.FromSeconds(_options.CloseTimeoutSeconds), _logger)
        {
            SessionId = sessionId,
            Endpoint = endpoint,
        };
        var result = _registry.TryRegister(connection, _options.MaxConnections, _options.MaxConnectionsPerParticipant);
        if (result != RegistrationResult.Registered)
            return (null, result);

        // The token's lifetime is the connection's: a socket must not outlive the right to open it.
        var remaining = tokenExpiresAt - _time.GetUtcNow().UtcDateTime;
        _expiryTimers[connection.Id] = _time.CreateTimer(
            _ => connection.RequestClose(CloseCodes.PolicyViolation, "Token expired"),
            null, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        if (announce)
            connection.TrySend(new ConnectedReply(caller.Participant));
        return (connection, result);
    }

    /// <summary>The socket's owner presented a newer access token: the socket now closes when that one ends.</summary>
    public void ExtendExpiry(RealtimeConnection connection, DateTime tokenExpiresAt)
    {
        var remaining = tokenExpiresAt - _time.GetUtcNow().UtcDateTime;
        if (_expiryTimers.TryGetValue(connection.Id, out var timer))
            timer.Change(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <param name="salonId">The chat's salon: a customer's socket counts for it in the statistics from now on.</param>
    public void Join(RealtimeConnection connection, long chatId, long? lastMessageId, long? salonId, long? stayId = null)
    {
        connection.Traffic.JoinedChatOf(salonId);
        var first = _registry.Join(connection, chatId);
        connection.TrySend(new JoinedReply(chatId, lastMessageId, stayId));
        if (first)
            Tell(new ParticipantJoinedChatNotification(chatId, connection.Participant), connection.Id);
    }

    /// <summary>
    /// Joins a chat for a client that saw it up to some point: from here on the chat's live frames are
    /// held for this socket while the caller replays what was missed, then <see cref="EndCatchUp"/> lets
    /// them through. Subscribing before reading the missed messages is what leaves no gap: a message
    /// committed after that read is announced after this subscription, so it is among the held frames.
    /// </summary>
    public void BeginCatchUp(RealtimeConnection connection, long chatId, long? lastMessageId, long? salonId, long? stayId = null)
    {
        connection.HoldChatFrames(chatId);
        Join(connection, chatId, lastMessageId, salonId, stayId);
    }

    /// <summary>Sends what was held during the replay, minus the messages the replay already carried.</summary>
    public void EndCatchUp(RealtimeConnection connection, long chatId, long replayedUpToSeq) =>
        connection.ReleaseChatFrames(chatId, replayedUpToSeq);

    public void Leave(RealtimeConnection connection, long chatId, long? stayId = null)
    {
        if (_registry.Leave(connection, chatId))
            Tell(new ParticipantLeftChatNotification(chatId, connection.Participant), connection.Id);
        connection.TrySend(new LeftReply(chatId, stayId));
    }

    /// <summary>Forgets a finished connection and tells its chats when the participant is gone from them.</summary>
    public void Close(RealtimeConnection connection)
    {
        if (_expiryTimers.TryRemove(connection.Id, out var timer))
            timer.Dispose();
        connection.Complete();
        foreach (var chatId in _registry.Unregister(connection))
            Tell(new ParticipantLeftChatNotification(chatId, connection.Participant), connection.Id);
    }

    // With several nodes, the others' sockets in the chat hear it too (over the bus, which brings it back here).
    private void Tell(ChatNotification notification, Guid origin)
    {
        if (!_relay.TryRelayLater(notification, origin))
            _delivery.Deliver(notification, origin);
    }

    public void CloseAll(ParticipantRef participant, long sessionId)
    {
        foreach (var connection in _registry.ConnectionsOf(participant))
        {
            if (connection.SessionId == sessionId)
                connection.RequestClose(CloseCodes.PolicyViolation, "Session ended");
        }
    }

    private void CloseAll()
    {
        var count = 0;
        foreach (var connection in _registry.All)
        {
            connection.RequestClose(CloseCodes.GoingAway, "Server shutting down");
            count++;
        }

        if (count > 0)
            _logger.LogInformation("Closing {Count} WebSocket connection(s) for shutdown", count);
    }
}
