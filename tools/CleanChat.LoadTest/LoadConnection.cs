using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace CleanChat.LoadTest;

/// <summary>
/// One generator socket: a send loop fed by the scheduler (so a slow send never delays the schedule of
/// others), and a receive loop that times every message frame against its scheduled send time.
/// </summary>
public sealed class LoadConnection
{
    private static readonly byte[] ContentKey = Encoding.UTF8.GetBytes("\"content\":\"");
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private Task _sending = Task.CompletedTask;
    private Task _receiving = Task.CompletedTask;

    public LoadConnection(int index, string token, bool isStaff, long chatId)
    {
        Index = index;
        Token = token;
        IsStaff = isStaff;
        ChatId = chatId;
    }

    public int Index { get; }
    public string Token { get; }
    public bool IsStaff { get; }
    public long ChatId { get; }

    /// <summary>Sockets (other than this one) that follow the same chat: each message sent here should reach them all.</summary>
    public int Recipients { get; set; }

    public long NextDue { get; set; }

    public StepRecorder? Recorder { get; set; }

    /// <summary>Why the socket stopped, when it did so unexpectedly (shown in the summary).</summary>
    public string? Failure { get; private set; }

    public async Task ConnectAsync(Uri baseUrl, bool join)
    {
        var path = IsStaff ? "/api/v1/chat/ws/chat/user" : "/api/v1/chat/ws/chat/customer";
        var uri = new Uri($"ws://{baseUrl.Authority}{path}?token={Uri.EscapeDataString(Token)}");
        _socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        await _socket.ConnectAsync(uri, CancellationToken.None);
        _receiving = ReceiveLoopAsync();
        _sending = SendLoopAsync();
        if (join)
            Enqueue(Encoding.UTF8.GetBytes($"{{\"type\":\"join_chat\",\"chat_id\":{ChatId}}}"));
    }

    public void Enqueue(byte[] frame) => _outgoing.Writer.TryWrite(frame);

    /// <summary>Queues a message whose content carries the sender, a sequence number and the scheduled time.</summary>
    public void SendScheduled(long sequence, long scheduledTimestamp, bool withClientMessageId) =>
        Enqueue(Encoding.UTF8.GetBytes(withClientMessageId
            ? $"{{\"type\":\"send_message\",\"chat_id\":{ChatId},\"client_message_id\":\"{Guid.NewGuid()}\",\"content\":\"L|{Index}|{sequence}|{scheduledTimestamp}\"}}"
            : $"{{\"type\":\"send_message\",\"chat_id\":{ChatId},\"content\":\"L|{Index}|{sequence}|{scheduledTimestamp}\"}}"));

    public async Task CloseAsync()
    {
        _outgoing.Writer.TryComplete();
        await _sending;
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
                await _receiving.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                _socket.Abort();
            }
        }
    }

    public WebSocketState State => _socket.State;

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var frame in _outgoing.Reader.ReadAllAsync())
                await _socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Failure = $"send: {ex.Message}";
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
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
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                    return;
                OnFrame(buffer.AsSpan(0, length));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            if (_socket.State != WebSocketState.Closed)
                Failure = $"receive: {ex.Message}";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Finds "content":"L|sender|seq|scheduled" without a full JSON parse: the generator shares the machine
    // with the server and must spend as little CPU as it can.
    private void OnFrame(ReadOnlySpan<byte> frame)
    {
        var now = Stopwatch.GetTimestamp();
        if (frame.IndexOf("\"type\":\"error\""u8) >= 0)
        {
            Recorder?.Error();
            return;
        }

        var at = frame.IndexOf(ContentKey);
        if (at < 0 || frame.IndexOf("\"type\":\"message\""u8) < 0)
            return;
        var content = frame[(at + ContentKey.Length)..];
        content = content[..content.IndexOf((byte)'"')];
        if (content.Length < 2 || content[0] != (byte)'L')
            return;

        // L|sender|sequence|scheduled, parsed in place: no strings per frame.
        content = content[2..];
        if (!Utf8Parser.TryParse(content, out int sender, out var used) || used >= content.Length)
            return;
        content = content[(used + 1)..];
        var bar = content.IndexOf((byte)'|');
        if (bar < 0 || !Utf8Parser.TryParse(content[(bar + 1)..], out long scheduled, out _))
            return;
        Recorder?.Record(sender == Index, scheduled, now);
    }
}
