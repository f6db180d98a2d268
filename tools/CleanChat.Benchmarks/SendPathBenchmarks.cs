using System.Net.WebSockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using CleanChat.Application.Common.Security;
using CleanChat.Application.Messages;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Realtime;
using CleanChat.Infrastructure.Realtime.Protocol;
using System.Diagnostics.Metrics;
using CleanChat.Infrastructure.Realtime.Statistics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanChat.Benchmarks;

/// <summary>
/// The per-message pieces of a 1:1 send outside the database: reading the client's frame, encoding the
/// <c>message</c> frame once, and handing it to a socket (framed and written by the WebSocket).
/// </summary>
[MemoryDiagnoser]
public class SendPathBenchmarks
{
    private static readonly byte[] SendFrame = Encoding.UTF8.GetBytes(
        """{"type":"send_message","chat_id":4242,"client_message_id":"5f0c2d1e-7a41-4c8e-9b7d-2f7e6d8c1a90","content":"See you on Friday at three"}""");

    private readonly SalonGuideCodec _codec = SalonGuideCodec.Instance;
    private MessagePostedNotification _notification = null!;
    private ReadOnlyMemory<byte> _encoded;
    private RealtimeConnection _connection = null!;
    private MemoryStream _stream = null!;

    [GlobalSetup]
    public void Setup()
    {
        var message = new MessageDto
        {
            Id = 1_000_001, ChatId = 4242, Seq = 77, ClientMessageId = Guid.NewGuid(), SenderType = ParticipantType.Customer,
            SenderCustomerId = 9001, SenderName = "Ana Customer", MessageType = MessageType.Text, Content = "See you on Friday at three",
            CreatedAt = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc), IsDeleted = false,
        };
        _notification = new MessagePostedNotification(message);
        _encoded = _codec.Encode(_notification);
        _stream = new MemoryStream(capacity: 64 * 1024 * 1024);
        var socket = WebSocket.CreateFromStream(_stream, new WebSocketCreationOptions { IsServer = true });
        var caller = new Caller(new ParticipantRef(ParticipantType.Customer, 9001), null, null, "Ana");
        var traffic = new RealtimeTraffic(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(), TimeProvider.System);
        _connection = new RealtimeConnection(socket, caller, _codec, traffic.For(caller, _codec), queueCapacity: 1024, TimeSpan.FromSeconds(5), NullLogger.Instance);
    }

    [Benchmark]
    public ClientFrame DecodeSendFrame() => _codec.Decode(SendFrame);

    [Benchmark]
    public ReadOnlyMemory<byte> EncodeMessageFrame() => _codec.Encode(_notification);

    [Benchmark]
    public bool SendFrameToIdleSocket()
    {
        if (_stream.Length > 48 * 1024 * 1024)
            _stream.SetLength(0);
        return _connection.TrySend(_encoded);
    }
}
