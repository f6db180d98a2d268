using System.Net.WebSockets;
using System.Threading.Channels;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Realtime.Protocol;
using Microsoft.Extensions.Logging;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// One open socket: who it belongs to, the protocol it speaks, which chats it follows, and a bounded
/// queue of frames to send.
/// A single loop sends, so frames leave in the order they were queued; a client that stops reading
/// fills its own queue and is disconnected, without slowing anyone else.
/// </summary>
public sealed class RealtimeConnection
{
    private readonly WebSocket _socket;
    private readonly Channel<ReadOnlyMemory<byte>> _outbound;
    // Most sockets follow a handful of chats and idle ones none: a lazily created set under a lock costs
    // nothing until used (a concurrent dictionary costs about half a kilobyte per socket up front).
    private readonly object _joinedLock = new();
    private HashSet<long>? _joinedChats;
    private Dictionary<long, List<HeldFrame>>? _heldFrames;
    private Dictionary<long, long>? _replayedUpTo;
    private readonly int _queueCapacity;
    private readonly CancellationTokenSource _aborted = new();
    private readonly TimeSpan _closeTimeout;
    private readonly ILogger _logger;
    private int _closeRequested;
    private volatile bool _dropQueuedOnClose;

    public RealtimeConnection(WebSocket socket, Caller caller, IRealtimeCodec codec, int queueCapacity, TimeSpan closeTimeout, ILogger logger)
    {
        _socket = socket;
        Caller = caller;
        Codec = codec;
        _closeTimeout = closeTimeout;
        _logger = logger;
        _queueCapacity = queueCapacity;
        _outbound = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public Guid Id { get; } = Guid.NewGuid();

    public Caller Caller { get; }

    /// <summary>The client protocol this socket speaks: how its frames read and how what it is sent looks.</summary>
    public IRealtimeCodec Codec { get; }

    public ParticipantRef Participant => Caller.Participant;

    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public string? CloseReason { get; private set; }

    /// <summary>Fires when the socket must stop at once: the close handshake failed or timed out.</summary>
    public CancellationToken Aborted => _aborted.Token;

    public bool IsClosing => Volatile.Read(ref _closeRequested) == 1;

    /// <summary>A snapshot of the chats this socket follows.</summary>
    public IReadOnlyCollection<long> JoinedChats
    {
        get
        {
            lock (_joinedLock)
                return _joinedChats is null ? Array.Empty<long>() : _joinedChats.ToArray();
        }
    }

    public bool HasJoined(long chatId)
    {
        lock (_joinedLock)
            return _joinedChats?.Contains(chatId) == true;
    }

    internal bool MarkJoined(long chatId)
    {
        lock (_joinedLock)
            return (_joinedChats ??= new HashSet<long>()).Add(chatId);
    }

    internal bool MarkLeft(long chatId)
    {
        lock (_joinedLock)
        {
            _replayedUpTo?.Remove(chatId);
            return _joinedChats?.Remove(chatId) == true;
        }
    }

    /// <summary>
    /// Holds back the chat's frames while a replay of missed messages is being sent (see
    /// <see cref="RealtimeGateway.BeginCatchUp"/>), so that nothing live slips in before or between them.
    /// </summary>
    public void HoldChatFrames(long chatId)
    {
        lock (_joinedLock)
            (_heldFrames ??= new Dictionary<long, List<HeldFrame>>())[chatId] = new List<HeldFrame>();
    }

    /// <summary>Sends a frame of a chat, or holds it while that chat is being caught up.</summary>
    public bool TrySendChatFrame(long chatId, long? seq, ReadOnlyMemory<byte> frame)
    {
        lock (_joinedLock)
        {
            // A message the replay already carried can still be announced after the catch-up ended: it was
            // committed (so the replay read it) before its event reached this socket. Announcements come
            // in seq order, so the first newer one ends the need to check.
            if (seq is { } number && _replayedUpTo is not null && _replayedUpTo.TryGetValue(chatId, out var replayed))
            {
                if (number <= replayed)
                    return true;
                _replayedUpTo.Remove(chatId);
            }

            if (_heldFrames is not null && _heldFrames.TryGetValue(chatId, out var held))
            {
                // Bounded like the outbound queue: a client that cannot be caught up is closed as a slow one.
                if (held.Count >= _queueCapacity)
                {
                    RequestClose(CloseCodes.TryAgainLater, "Too far behind", dropQueued: true);
                    return false;
                }

                held.Add(new HeldFrame(seq, frame));
                return true;
            }
        }

        return TrySend(frame);
    }

    /// <summary>
    /// Ends a catch-up: sends the frames held meanwhile, in order, except messages the replay already
    /// contained (seq at or below <paramref name="replayedUpToSeq"/>).
    /// </summary>
    public void ReleaseChatFrames(long chatId, long replayedUpToSeq)
    {
        lock (_joinedLock)
        {
            if (_heldFrames is null || !_heldFrames.Remove(chatId, out var held))
                return;
            if (_heldFrames.Count == 0)
                _heldFrames = null;

            // Still under the lock: a live frame arriving now waits until the held ones are queued ahead of it.
            var newest = replayedUpToSeq;
            foreach (var frame in held)
            {
                if (frame.Seq is not { } seq || seq > replayedUpToSeq)
                    TrySend(frame.Frame);
                if (frame.Seq is { } heldSeq && heldSeq > newest)
                    newest = heldSeq;
            }

            if (newest == replayedUpToSeq)
                (_replayedUpTo ??= new Dictionary<long, long>())[chatId] = replayedUpToSeq;
        }
    }

    /// <summary>Queues a reply to this socket, in its own protocol.</summary>
    public bool TrySend(SocketReply reply) => TrySend(Codec.Encode(reply));

    /// <summary>Queues a frame; when the client has fallen too far behind, closes it (1013) instead of growing the queue.</summary>
    public bool TrySend(ReadOnlyMemory<byte> frame)
    {
        if (_outbound.Writer.TryWrite(frame))
            return true;

        if (!IsClosing)
            _logger.LogInformation("Closing connection {ConnectionId} of {Participant}: its outbound queue is full", Id, Participant);
        RequestClose(CloseCodes.TryAgainLater, "Client is not reading fast enough", dropQueued: true);
        return false;
    }

    /// <summary>
    /// Starts closing with the given code: frames already queued still go out (the error that explains
    /// the close, say) unless <paramref name="dropQueued"/>, then the close frame; the socket is dropped
    /// if all that takes longer than the close timeout.
    /// </summary>
    public void RequestClose(WebSocketCloseStatus status, string reason, bool dropQueued = false)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 1)
            return;

        CloseStatus = status;
        CloseReason = reason;
        _dropQueuedOnClose = dropQueued;
        _outbound.Writer.TryComplete();
        _aborted.CancelAfter(_closeTimeout);
    }

    /// <summary>Sends queued frames until the connection closes; ends with the close frame or an abort.</summary>
    public async Task RunSendLoopAsync()
    {
        // Sends take no token: a cancellable send takes the WebSocket's slow path (a lock wait and a
        // registration per frame). Aborting the socket ends a send stuck on a client that stopped reading.
        await using var abortStuckSend = _aborted.Token.UnsafeRegister(static socket => ((WebSocket)socket!).Abort(), _socket);
        try
        {
            await foreach (var frame in _outbound.Reader.ReadAllAsync(_aborted.Token))
            {
                if (_dropQueuedOnClose)
                    break;
                await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }

            if (CloseStatus is { } status && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(status, CloseReason, _aborted.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The peer vanished or would not take our frames: nothing more can be said to it.
            _socket.Abort();
        }
    }

    /// <summary>Ends the send loop when the receive side has finished (the peer closed or went away).</summary>
    internal void Complete()
    {
        _outbound.Writer.TryComplete();
        _aborted.CancelAfter(_closeTimeout);
    }

    private readonly record struct HeldFrame(long? Seq, ReadOnlyMemory<byte> Frame);
}
