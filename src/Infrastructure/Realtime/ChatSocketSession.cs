using System.Buffers;
using System.Net.WebSockets;
using CleanChat.Infrastructure.Realtime.Protocol;
using Microsoft.Extensions.Logging;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// Reads one socket's frames until it closes: enforces the frame size limit, the rate limit and the
/// idle timeout, and hands each text frame to the dispatcher in arrival order.
/// </summary>
public sealed class ChatSocketSession
{
    private readonly RealtimeGateway _gateway;
    private readonly FrameDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatSocketSession> _logger;

    public ChatSocketSession(RealtimeGateway gateway, FrameDispatcher dispatcher, TimeProvider time, ILogger<ChatSocketSession> logger)
    {
        _gateway = gateway;
        _dispatcher = dispatcher;
        _time = time;
        _logger = logger;
    }

    public async Task RunAsync(WebSocket socket, RealtimeConnection connection, CancellationToken requestAborted)
    {
        var options = _gateway.Options;
        var limiter = new FrameRateLimiter(options.FramesPerSecond, options.FrameBurst, options.FloodCloseAfterRefusals, _time);
        var idleTimeout = TimeSpan.FromSeconds(options.IdleTimeoutSeconds);
        using var idle = _time.CreateTimer(_ => connection.RequestClose(WebSocketCloseStatus.NormalClosure, "Idle timeout"), null, idleTimeout, Timeout.InfiniteTimeSpan);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(connection.Aborted, requestAborted);
        var buffer = new FrameBuffer(options.MaxFrameBytes);
        var clientClosed = false;
        try
        {
            while (true)
            {
                var (kind, length) = await ReceiveFrameAsync(socket, buffer, options.MaxFrameBytes, stop.Token);
                if (kind is FrameKind.Closed)
                {
                    clientClosed = true;
                    connection.RequestClose(WebSocketCloseStatus.NormalClosure, "Bye");
                    break;
                }

                if (kind is FrameKind.TooBig)
                {
                    connection.RequestClose(CloseCodes.TooBig, $"Frames are limited to {options.MaxFrameBytes} bytes");
                    break;
                }

                idle.Change(idleTimeout, Timeout.InfiniteTimeSpan);
                connection.Traffic.Received();
                switch (limiter.Take())
                {
                    case FrameVerdict.Close:
                        connection.RequestClose(CloseCodes.PolicyViolation, "Too many frames");
                        break;
                    case FrameVerdict.RefuseWithError:
                        connection.TrySend(new ErrorReply("rate_limited", "Too many frames; slow down. Frames over the limit are dropped."));
                        continue;
                    case FrameVerdict.RefuseSilently:
                        continue;
                }

                if (connection.IsClosing)
                    break;

                if (kind is FrameKind.Binary)
                    connection.TrySend(new ErrorReply("binary_not_supported", "Send JSON text frames."));
                else
                    await _dispatcher.DispatchAsync(connection, buffer.Filled(length), stop.Token);
            }

            if (!clientClosed)
                await AwaitClientCloseAsync(socket, buffer, stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The peer went away without a close handshake, or it did not answer ours in time.
            _logger.LogDebug("Connection {ConnectionId} ended abruptly: {Reason}", connection.Id, ex.Message);
        }
        finally
        {
            buffer.Dispose();
            _gateway.Close(connection);
            await connection.Finished;
        }
    }

    // The server closed: finish the closing handshake. Returning now would drop TCP with the client's frames
    // unread, and the reset that follows can cost a client still sending the close code it has not yet read
    // (it sees 1006). So read and ignore until its Close arrives; the close timeout bounds the wait.
    private static async Task AwaitClientCloseAsync(WebSocket socket, FrameBuffer buffer, CancellationToken cancellationToken)
    {
        var scratch = buffer.FreeAfter(0);
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            if ((await socket.ReceiveAsync(scratch, cancellationToken)).MessageType == WebSocketMessageType.Close)
                return;
        }
    }

    // Reassembles a message from its fragments; refuses one larger than the limit.
    private static async Task<(FrameKind Kind, int Length)> ReceiveFrameAsync(WebSocket socket, FrameBuffer buffer, int maxBytes, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            var free = buffer.FreeAfter(length);
            if (free.IsEmpty)
                return (FrameKind.TooBig, length);

            var result = await socket.ReceiveAsync(free, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                return (FrameKind.Closed, 0);

            length += result.Count;
            if (length > maxBytes)
                return (FrameKind.TooBig, length);
            if (result.EndOfMessage)
                return (result.MessageType == WebSocketMessageType.Binary ? FrameKind.Binary : FrameKind.Text, length);
        }
    }

    /// <summary>
    /// A pooled buffer that starts small, so thousands of idle sockets hold little memory, and doubles
    /// up to one byte past the frame limit (enough to notice a frame is too big).
    /// </summary>
    private sealed class FrameBuffer : IDisposable
    {
        private const int InitialBytes = 256;
        private readonly int _capacityLimit;
        private byte[] _array;

        public FrameBuffer(int maxFrameBytes)
        {
            _capacityLimit = maxFrameBytes + 1;
            _array = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBytes, _capacityLimit));
        }

        public Memory<byte> FreeAfter(int used)
        {
            if (used == _array.Length && _array.Length < _capacityLimit)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_array.Length * 2, _capacityLimit));
                _array.AsSpan(0, used).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_array);
                _array = bigger;
            }

            return _array.AsMemory(used, Math.Min(_array.Length, _capacityLimit) - used);
        }

        public ReadOnlyMemory<byte> Filled(int length) => _array.AsMemory(0, length);

        public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
    }

    private enum FrameKind
    {
        Text,
        Binary,
        Closed,
        TooBig,
    }
}
