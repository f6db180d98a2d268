using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CleanChat.WebApi.Realtime;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// A real WebSocket client for tests: a background loop collects every frame, and tests wait for the
/// frame they expect with a timeout (never a sleep).
/// </summary>
public sealed class SocketClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonNode> _frames = Channel.CreateUnbounded<JsonNode>();
    private readonly List<JsonNode> _seen = new();
    private readonly Task _receiving;

    private SocketClient(ClientWebSocket socket, bool read)
    {
        _socket = socket;
        _receiving = read ? ReceiveLoopAsync() : Task.CompletedTask;
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public WebSocketState State => _socket.State;

    /// <summary>Frames received so far that no wait has consumed.</summary>
    public IReadOnlyList<JsonNode> Seen => _seen;

    public static Task<SocketClient> ConnectAsync(RealtimeFactory factory, Person person, Action<ClientWebSocketOptions>? configure = null, bool read = true) =>
        ConnectAsync(factory.SocketUri(person.Participant.Type == Domain.Common.ParticipantType.User ? ChatSocketEndpoints.StaffPath : ChatSocketEndpoints.CustomerPath, person.Token), configure, read);

    public static async Task<SocketClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null, bool read = true)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(uri, timeout.Token);
        return new SocketClient(socket, read);
    }

    /// <summary>
    /// A client that never reads, on a TCP socket with a tiny receive buffer, so the server's frames back
    /// up quickly the way they would for a stalled phone on a bad network.
    /// </summary>
    public static async Task<SocketClient> ConnectStalledAsync(RealtimeFactory factory, Person person)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var tcp = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveBufferSize = 2048, NoDelay = true };
                await tcp.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(tcp, ownsSocket: true);
            },
        };
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        var path = person.Participant.Type == Domain.Common.ParticipantType.User ? ChatSocketEndpoints.StaffPath : ChatSocketEndpoints.CustomerPath;
        await socket.ConnectAsync(factory.SocketUri(path, person.Token), new HttpMessageInvoker(handler), timeout.Token);
        return new SocketClient(socket, read: false);
    }

    public Task SendAsync(object frame) => SendRawAsync(JsonSerializer.Serialize(frame));

    /// <summary>Joins the chat and waits until the server says so.</summary>
    public async Task JoinAsync(long chatId)
    {
        await SendAsync(new { type = "join_chat", chat_id = chatId });
        await WaitForAsync("joined");
    }

    public async Task SendRawAsync(string text)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    public async Task SendBytesAsync(byte[] bytes, WebSocketMessageType type)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await _socket.SendAsync(bytes, type, true, timeout.Token);
    }

    /// <summary>
    /// For a client connected without reading: reads and drops frames until the server's Close arrives,
    /// without answering it (see <see cref="AnswerCloseAsync"/>).
    /// </summary>
    public async Task ReadUntilCloseAsync()
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        while ((await _socket.ReceiveAsync(buffer.AsMemory(), timeout.Token)).MessageType != WebSocketMessageType.Close)
        {
        }
    }

    /// <summary>Sends frames one after another; returns how many the socket took before it failed.</summary>
    public async Task<int> SendAllAsync(string frame, int count)
    {
        var sent = 0;
        try
        {
            for (; sent < count; sent++)
                await SendRawAsync(frame);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is gone.
        }

        return sent;
    }

    /// <summary>Answers the server's Close with ours, which completes the closing handshake.</summary>
    public async Task AnswerCloseAsync()
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }

    /// <summary>Waits for the next frame of the type (and matching the predicate), skipping others; fails after the timeout.</summary>
    public Task<JsonNode> WaitForAsync(string type, Func<JsonNode, bool>? match = null, TimeSpan? timeout = null) =>
        WaitForFrameAsync(frame => Matches(frame, type, match), $"'{type}'", timeout);

    /// <summary>Waits for the next frame of any of the types, keeping their relative order.</summary>
    public Task<JsonNode> WaitForAnyAsync(params string[] types) =>
        WaitForFrameAsync(frame => types.Contains((string?)frame["type"]), string.Join(" or ", types), null);

    /// <summary>Waits for the next frame matching the predicate (for protocols whose frames have no <c>type</c>).</summary>
    public Task<JsonNode> WaitForFrameAsync(Func<JsonNode, bool> matches, string what) =>
        WaitForFrameAsync(matches, what, null);

    /// <summary>Tries to open a socket; answers the handshake's HTTP status when the server refuses the upgrade (101 when it accepts).</summary>
    public static async Task<int> HandshakeStatusAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
            socket.Abort();
            return 101;
        }
        catch (WebSocketException)
        {
            return (int)socket.HttpStatusCode;
        }
    }

    private async Task<JsonNode> WaitForFrameAsync(Func<JsonNode, bool> matches, string what, TimeSpan? timeout)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var pending = _seen.FirstOrDefault(matches);
        if (pending is not null)
        {
            _seen.Remove(pending);
            return pending;
        }

        try
        {
            while (true)
            {
                var frame = await _frames.Reader.ReadAsync(cts.Token);
                if (matches(frame))
                    return frame;
                _seen.Add(frame);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"No {what} frame arrived. Seen: {string.Join(" | ", _seen.Select(f => f.ToJsonString()))}; close: {CloseStatus} {CloseDescription}");
        }
    }

    /// <summary>Asserts that no frame of the type arrives, by sending a ping and waiting for its pong first.</summary>
    public async Task ShouldNotReceiveBeforePongAsync(string type)
    {
        await SendAsync(new { type = "ping" });
        await WaitForAsync("pong");
        _seen.ShouldNotContain(f => (string?)f["type"] == type);
        while (_frames.Reader.TryRead(out var frame))
            ((string?)frame["type"]).ShouldNotBe(type);
    }

    /// <summary>Waits until the server has closed the socket; returns the close code it sent.</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        await _receiving.WaitAsync(timeout ?? DefaultTimeout);
        return _socket.CloseStatus;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                _socket.Abort();
            }
        }

        _socket.Dispose();
    }

    private static bool Matches(JsonNode frame, string type, Func<JsonNode, bool>? match) =>
        (string?)frame["type"] == type && (match is null || match(frame));

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }

                _frames.Writer.TryWrite(JsonNode.Parse(buffer.AsSpan(0, length))!);
            }
        }
        catch (WebSocketException)
        {
            // The server dropped the connection; CloseStatus stays null.
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
