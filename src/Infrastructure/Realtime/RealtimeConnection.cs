using System.Net.WebSockets;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Realtime.Protocol;
using Microsoft.Extensions.Logging;

using CleanChat.Infrastructure.Realtime.Statistics;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// One open socket: who it belongs to, the protocol it speaks, which chats it follows, and a bounded
/// queue of frames to send.
/// One sender at a time drains the queue, so frames leave in the order they were queued; a client that
/// stops reading fills its own queue and is disconnected, without slowing anyone else.
/// </summary>
public sealed class RealtimeConnection
{
    private readonly WebSocket _socket;
    private readonly object _outboundLock = new();
    private Queue<ReadOnlyMemory<byte>>? _outbound;
    private bool _sending;
    private bool _takesNoMoreFrames;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

    public RealtimeConnection(WebSocket socket, Caller caller, IRealtimeCodec codec, ConnectionTraffic traffic, int queueCapacity, TimeSpan closeTimeout, ILogger logger)
    {
        _socket = socket;
        Caller = caller;
        Codec = codec;
        Traffic = traffic;
        _closeTimeout = closeTimeout;
        _logger = logger;
        _queueCapacity = queueCapacity;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public Caller Caller { get; }

    /// <summary>The client protocol this socket speaks: how its frames read and how what it is sent looks.</summary>
    public IRealtimeCodec Codec { get; }

    public ParticipantRef Participant => Caller.Participant;

    /// <summary>The route the socket was opened on (its template, never an id): a statistics label.</summary>
    public string Endpoint { get; init; } = "unknown";

    /// <summary>Counts this socket's frames, for the salons it belongs to.</summary>
    public ConnectionTraffic Traffic { get; }

    /// <summary>
    /// For protocols with one conversation per socket (the mentoring one), that conversation: their frames
    /// name no chat and mean this one. Null for protocols whose frames name their chat.
    /// </summary>
    public long? HomeChatId { get; private set; }

    /// <summary>The browser session that signed this socket in, if one did (null for a token).</summary>
    public long? SessionId { get; init; }

    internal void BindTo(long chatId) => HomeChatId = chatId;

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

    /// <summary>Queues a reply to this socket, in its own protocol (if the protocol has a frame for it).</summary>
    public bool TrySend(SocketReply reply) => Codec.Encode(reply) is { IsEmpty: false } frame ? TrySend(frame) : true;

    /// <summary>
    /// Sends a frame, or queues it behind those still going out; when the client has fallen too far
    /// behind, closes it (1013) instead of growing the queue.
    /// </summary>
    public bool TrySend(ReadOnlyMemory<byte> frame)
    {
        switch (Enqueue(frame))
        {
            case Queued.StartSending:
                _ = SendQueuedAsync();
                return true;
            case Queued.BehindOthers:
                return true;
            case Queued.Full:
                if (!IsClosing)
                    _logger.LogInformation("Closing connection {ConnectionId} of {Participant}: its outbound queue is full", Id, Participant);
                RequestClose(CloseCodes.TryAgainLater, "Client is not reading fast enough", dropQueued: true);
                return false;
            default:
                return false;
        }
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
        StopTakingFrames(dropQueued);
    }

    /// <summary>
    /// Done when everything queued has been sent and, if the server is closing, its close frame too; or
    /// when the socket was dropped.
    /// </summary>
    public Task Finished => _finished.Task;

    /// <summary>Ends sending when the receive side has finished (the peer closed or went away).</summary>
    internal void Complete() => StopTakingFrames(dropQueued: false);

    private void StopTakingFrames(bool dropQueued)
    {
        bool start;
        lock (_outboundLock)
        {
            if (_takesNoMoreFrames)
                return;
            _takesNoMoreFrames = true;
            if (dropQueued)
                _outbound?.Clear();
            start = !_sending;
            _sending = true;
        }

        // A send stuck on a client that stopped reading ends when the socket is aborted. Sends take no
        // token: a cancellable send takes the WebSocket's slow path (a lock wait and a registration per frame).
        _aborted.Token.UnsafeRegister(static socket => ((WebSocket)socket!).Abort(), _socket);
        _aborted.CancelAfter(_closeTimeout);
        if (start)
            _ = SendQueuedAsync();
    }

    private Queued Enqueue(ReadOnlyMemory<byte> frame)
    {
        lock (_outboundLock)
        {
            if (_takesNoMoreFrames)
                return Queued.Refused;

            var outbound = _outbound ??= new Queue<ReadOnlyMemory<byte>>();
            if (outbound.Count >= _queueCapacity)
                return Queued.Full;

            outbound.Enqueue(frame);
            if (_sending)
                return Queued.BehindOthers;
            _sending = true;
            return Queued.StartSending;
        }
    }

    // Whoever queues a frame on an idle socket sends it at once, on its own thread: most sends complete
    // without waiting, so a frame costs no thread hop. Frames queued meanwhile go out in order from here;
    // once the connection takes no more frames and its queue is empty, the close frame follows.
    private async Task SendQueuedAsync()
    {
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> frame;
                lock (_outboundLock)
                {
                    if (_outbound is null || !_outbound.TryDequeue(out frame))
                    {
                        if (_takesNoMoreFrames)
                            break;
                        _sending = false;
                        return;
                    }
                }

                await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                Traffic.Sent();
            }

            if (CloseStatus is { } status && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(status, CloseReason, _aborted.Token);
        }
        catch (Exception ex)
        {
            // The peer vanished or would not take our frames: nothing more can be said to it. Anything else
            // is a defect, but it must not leave the session waiting for a send that will never finish.
            if (ex is not (OperationCanceledException or WebSocketException or ObjectDisposedException or IOException))
                _logger.LogError(ex, "Sending to connection {ConnectionId} failed unexpectedly", Id);

            lock (_outboundLock)
            {
                _takesNoMoreFrames = true;
                _outbound?.Clear();
            }

            _socket.Abort();
        }

        // Reached only when this connection sends nothing more (the idle case returned above).
        _finished.TrySetResult();
    }

    private enum Queued
    {
        StartSending,
        BehindOthers,
        Full,
        Refused,
    }

    private readonly record struct HeldFrame(long? Seq, ReadOnlyMemory<byte> Frame);
}
