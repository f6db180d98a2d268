using System.Net.WebSockets;
using CleanChat.Application.Chats;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Common.Security;
using CleanChat.Application.Messages;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Realtime;
using CleanChat.Infrastructure.Realtime.Protocol;
using CleanChat.Infrastructure.Realtime.Statistics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// The fan-out of notifications to sockets, on real connections whose frames are written to memory:
/// who gets a frame by audience, and how often a notification is encoded.
/// </summary>
public class NotificationDeliveryTests
{
    private const long ChatId = 7;
    private static readonly DateTime Now = new(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);

    private readonly ConnectionRegistry _registry = new(new InMemoryPresenceTracker());
    private readonly RecordedDeliveries _deliveries = new();

    [Fact]
    public async Task A_new_message_handed_to_a_recipients_sockets_is_noted_as_delivered_to_that_recipient_only()
    {
        var sender = Follower(ParticipantRef.User(1), SalonGuideCodec.Instance);
        var customer = Follower(ParticipantRef.Customer(2), SalonGuideCodec.Instance);
        var customersSecondSocket = Follower(ParticipantRef.Customer(2), SalonGuideCodec.Instance);
        var notFollowing = Connected(ParticipantRef.User(3), SalonGuideCodec.Instance);

        new NotificationDelivery(_registry, _deliveries).Deliver(new MessagePostedNotification(Message(seq: 3)), originConnectionId: null);

        (await customer.SentTextAsync()).ShouldContain("\"message\"");
        (await customersSecondSocket.SentTextAsync()).ShouldContain("\"message\"");
        _deliveries.Noted.Distinct().ShouldBe(new[] { (ChatId, ParticipantRef.Customer(2), 43L) });
        (await notFollowing.SentTextAsync()).ShouldNotContain("\"message\"");
        (await sender.SentTextAsync()).ShouldContain("\"message\"");
    }

    [Fact]
    public async Task A_notification_is_encoded_once_per_codec_however_many_sockets_receive_it()
    {
        var salon = new CountingCodec(SalonGuideCodec.Instance);
        var other = new CountingCodec(SalonGuideCodec.Instance);
        var sockets = Enumerable.Range(1, 6).Select(i => Follower(ParticipantRef.User(i), i <= 4 ? salon : other)).ToList();

        new NotificationDelivery(_registry, _deliveries).Deliver(new MessageDeletedNotification(ChatId, 11, Now), originConnectionId: null);

        (salon.Encoded, other.Encoded).ShouldBe((1, 1));
        foreach (var socket in sockets)
            (await socket.SentTextAsync()).ShouldContain("\"message_deleted\"");
    }

    [Fact]
    public async Task Everyone_but_the_origin_hears_a_read_receipt()
    {
        var reader = Follower(ParticipantRef.Customer(1), SalonGuideCodec.Instance);
        var readersOtherSocket = Follower(ParticipantRef.Customer(1), SalonGuideCodec.Instance);
        var staff = Follower(ParticipantRef.User(2), SalonGuideCodec.Instance);

        new NotificationDelivery(_registry, _deliveries).Deliver(new ReadReceiptNotification(ChatId, 5, ParticipantRef.Customer(1), Now), reader.Connection.Id);

        (await reader.SentTextAsync()).ShouldNotContain("read_receipt");
        (await readersOtherSocket.SentTextAsync()).ShouldContain("\"read_receipt\"");
        (await staff.SentTextAsync()).ShouldContain("\"read_receipt\"");
    }

    [Fact]
    public async Task A_repeated_message_reaches_only_the_senders_sockets_in_the_chat()
    {
        var sender = Follower(ParticipantRef.User(1), SalonGuideCodec.Instance);
        var sendersSocketElsewhere = Connected(ParticipantRef.User(1), SalonGuideCodec.Instance);
        var other = Follower(ParticipantRef.Customer(2), SalonGuideCodec.Instance);

        new NotificationDelivery(_registry, _deliveries).Deliver(new MessageRepeatedNotification(Message(seq: 3), ParticipantRef.User(1)), originConnectionId: null);

        (await sender.SentTextAsync()).ShouldContain("\"message\"");
        (await sendersSocketElsewhere.SentTextAsync()).ShouldNotContain("\"message\"");
        (await other.SentTextAsync()).ShouldNotContain("\"message\"");
    }

    [Fact]
    public async Task A_removed_participant_hears_of_it_everywhere_and_stops_following_the_chat()
    {
        var removedFollowing = Follower(ParticipantRef.Customer(1), SalonGuideCodec.Instance);
        var removedElsewhere = Connected(ParticipantRef.Customer(1), SalonGuideCodec.Instance);
        var staff = Follower(ParticipantRef.User(2), SalonGuideCodec.Instance);
        var bystander = Connected(ParticipantRef.User(3), SalonGuideCodec.Instance);
        var delivery = new NotificationDelivery(_registry, _deliveries);

        delivery.Deliver(new ParticipantRemovedNotification(ChatId, ParticipantRef.Customer(1)), originConnectionId: null);
        delivery.Deliver(new MessageDeletedNotification(ChatId, 11, Now), originConnectionId: null);

        var removedText = await removedFollowing.SentTextAsync();
        removedText.ShouldContain("\"participant_removed\"");
        removedText.ShouldNotContain("message_deleted");
        (await removedElsewhere.SentTextAsync()).ShouldContain("\"participant_removed\"");
        var staffText = await staff.SentTextAsync();
        staffText.ShouldContain("\"participant_removed\"");
        staffText.ShouldContain("\"user_left\"");
        staffText.ShouldContain("\"message_deleted\"");
        (await bystander.SentTextAsync()).ShouldBeEmpty();
    }

    private MemorySocket Follower(ParticipantRef participant, IRealtimeCodec codec)
    {
        var socket = Connected(participant, codec);
        _registry.Join(socket.Connection, ChatId);
        return socket;
    }

    private MemorySocket Connected(ParticipantRef participant, IRealtimeCodec codec)
    {
        var socket = new MemorySocket(new Caller(participant, 1, null, "Someone"), codec);
        _registry.TryRegister(socket.Connection, 100, 10).ShouldBe(RegistrationResult.Registered);
        return socket;
    }

    private static MessageDto Message(long seq) => new()
    {
        Id = 40 + seq, ChatId = ChatId, Seq = seq, SenderType = ParticipantType.User, SenderUserId = 1, MessageType = Domain.Chats.MessageType.Text,
        Content = "hello", CreatedAt = Now, IsDeleted = false,
    };

    /// <summary>A real connection over a server-side WebSocket that writes its frames into memory.</summary>
    private sealed class MemorySocket
    {
        private readonly MemoryStream _stream = new();

        public MemorySocket(Caller caller, IRealtimeCodec codec)
        {
            var socket = WebSocket.CreateFromStream(_stream, new WebSocketCreationOptions { IsServer = true });
            Connection = new RealtimeConnection(socket, caller, codec, Traffic.For(caller, codec), queueCapacity: 64, TimeSpan.FromSeconds(5), NullLogger.Instance);
        }

        public RealtimeConnection Connection { get; }

        private static readonly RealtimeTraffic Traffic = new(
            new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), TimeProvider.System);

        /// <summary>Closes the connection and returns the text of everything it sent (server frames are not masked).</summary>
        public async Task<string> SentTextAsync()
        {
            Connection.RequestClose(WebSocketCloseStatus.NormalClosure, "done");
            await Connection.Finished.WaitAsync(TimeSpan.FromSeconds(5));
            var bytes = _stream.ToArray();
            var text = new System.Text.StringBuilder();
            for (var at = 0; at + 2 <= bytes.Length;)
            {
                var opcode = bytes[at] & 0x0F;
                var length = bytes[at + 1] & 0x7F;
                var header = 2;
                if (length == 126)
                {
                    length = (bytes[at + 2] << 8) | bytes[at + 3];
                    header = 4;
                }

                if (opcode == 1)
                    text.Append(System.Text.Encoding.UTF8.GetString(bytes, at + header, length)).Append('\n');
                at += header + length;
            }

            return text.ToString();
        }
    }

    private sealed class CountingCodec(IRealtimeCodec inner) : IRealtimeCodec
    {
        public int Encoded { get; private set; }

        public ClientFrame Decode(ReadOnlySpan<byte> payload) => inner.Decode(payload);

        public bool SetsOwnFrames => inner.SetsOwnFrames;

        public string Dialect => inner.Dialect;

        public ReadOnlyMemory<byte> Encode(ChatNotification notification, bool toActor)
        {
            Encoded++;
            return inner.Encode(notification, toActor);
        }

        public ReadOnlyMemory<byte> Encode(SocketReply reply) => inner.Encode(reply);
    }

    private sealed class RecordedDeliveries : CleanChat.Application.Common.Interfaces.IDeliveryRecorder
    {
        public List<(long ChatId, ParticipantRef Participant, long UpTo)> Noted { get; } = new();

        public void Delivered(long chatId, ParticipantRef participant, long upToMessageId) => Noted.Add((chatId, participant, upToMessageId));
    }
}
