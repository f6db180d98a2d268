using System.Text;
using CleanChat.Application;
using CleanChat.Application.Chats;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Messages;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Realtime.Protocol;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>The salon guide's wire format: every notification and reply has a frame, field for field as the guide documents it.</summary>
public class SalonGuideCodecTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);
    private readonly SalonGuideCodec _codec = SalonGuideCodec.Instance;

    public static TheoryData<string> NotificationTypes() =>
        new(typeof(ApplicationAssembly).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ChatNotification)) && !t.IsAbstract)
            .Select(t => t.Name));

    [Theory]
    [MemberData(nameof(NotificationTypes))]
    public void Every_notification_of_the_application_has_a_frame(string typeName)
    {
        var notification = Samples().SingleOrDefault(n => n.GetType().Name == typeName);
        notification.ShouldNotBeNull($"no sample of {typeName} in this test: add one so its frame is checked");

        Text(_codec.Encode(notification)).ShouldStartWith("{\"type\":");
    }

    public static TheoryData<string> ReplyTypes() =>
        new(typeof(SocketReply).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(SocketReply)) && !t.IsAbstract)
            .Select(t => t.Name));

    [Theory]
    [MemberData(nameof(ReplyTypes))]
    public void Every_reply_has_a_frame(string typeName)
    {
        var reply = Replies().SingleOrDefault(r => r.GetType().Name == typeName);
        reply.ShouldNotBeNull($"no sample of {typeName} in this test: add one so its frame is checked");

        Text(_codec.Encode(reply)).ShouldStartWith("{\"type\":");
    }

    [Fact]
    public void Frames_have_the_guides_shapes()
    {
        Text(_codec.Encode(new TypingNotification(7, ParticipantRef.Customer(3), true)))
            .ShouldBe("""{"type":"typing","chat_id":7,"participant_type":"customer","participant_id":3,"is_typing":true}""");
        Text(_codec.Encode(new ReadReceiptNotification(7, 12, ParticipantRef.User(4), Now)))
            .ShouldBe("""{"type":"read_receipt","chat_id":7,"message_id":12,"reader_type":"user","reader_id":4,"read_at":"2026-12-03T10:00:00Z"}""");
        Text(_codec.Encode(new ChatArchiveStateChangedNotification(7, false))).ShouldBe("""{"type":"chat_unarchived","chat_id":7}""");
        Text(_codec.Encode(new ParticipantLeftChatNotification(7, ParticipantRef.User(4))))
            .ShouldBe("""{"type":"user_left","chat_id":7,"participant_type":"user","participant_id":4}""");
        Text(_codec.Encode(new AuthenticatedReply(Now))).ShouldBe("""{"type":"authenticated","expires_at":"2026-12-03T10:00:00Z"}""");
        Text(_codec.Encode(new ConnectedReply(ParticipantRef.User(4)))).ShouldBe("""{"type":"connected","participant_type":"user","participant_id":4}""");
        Text(_codec.Encode(new ErrorReply("not_joined", "Join first.", "typing", 7)))
            .ShouldBe("""{"type":"error","code":"not_joined","error":"Join first.","request_type":"typing","chat_id":7,"errors":null}""");
        Text(_codec.Encode(new ErrorReply("server_busy", "Busy.", "send_message", 7, RetryAfter: TimeSpan.FromMilliseconds(1500.2))))
            .ShouldBe("""{"type":"error","code":"server_busy","error":"Busy.","request_type":"send_message","chat_id":7,"errors":null,"retry_after_ms":1501}""");
        Text(_codec.Encode(new MessagePostedNotification(Message()))).ShouldStartWith("""{"type":"message","chat_id":7,"message":{"id":41,"chat_id":7,"seq":1,""");
    }

    [Fact]
    public void A_frame_that_is_not_of_the_protocol_is_refused_with_the_field_named()
    {
        Should.Throw<RealtimeProtocolException>(() => _codec.Decode("""{"type":"typing","chat_id":"seven"}"""u8)).Message.ShouldContain("chat_id");
        Should.Throw<RealtimeProtocolException>(() => _codec.Decode("""{"chat_id":7}"""u8)).Code.ShouldBe("invalid_frame");
        Should.Throw<RealtimeProtocolException>(() => _codec.Decode("[1,2]"u8)).Code.ShouldBe("invalid_frame");
    }

    [Fact]
    public void A_send_message_frame_becomes_the_same_command_as_the_REST_body()
    {
        var frame = _codec.Decode("""{"type":"send_message","chat_id":7,"content":"hi","entity_type":"Appointment","entity_id":9,"client_message_id":"9b2f4c1e-0000-4000-8000-000000000001"}"""u8);

        var command = frame.ToCommand(frame.ChatId!.Value);

        command.ShouldBe(new Application.Messages.Commands.SendMessage.SendMessageCommand(7, Domain.Chats.MessageType.Text, "hi",
            EntityType: "Appointment", EntityId: 9, ClientMessageId: Guid.Parse("9b2f4c1e-0000-4000-8000-000000000001")));
    }

    internal static IEnumerable<ChatNotification> Samples() =>
    [
        new MessagePostedNotification(Message()),
        new MessageRepeatedNotification(Message(), ParticipantRef.User(4)),
        new MessageEditedNotification(Message()),
        new MessageDeletedNotification(7, 41, Now),
        new ReadReceiptNotification(7, 41, ParticipantRef.Customer(3), Now),
        new DeliveryReceiptNotification(7, 41, ParticipantRef.Customer(3), Now),
        new TypingNotification(7, ParticipantRef.Customer(3), false),
        new ChatCreatedNotification(7, [ParticipantRef.User(4), ParticipantRef.Customer(3)]),
        new ChatArchiveStateChangedNotification(7, true),
        new ParticipantAddedNotification(7, ParticipantRef.User(5)),
        new ParticipantRemovedNotification(7, ParticipantRef.User(5)),
        new ParticipantJoinedChatNotification(7, ParticipantRef.User(5)),
        new ParticipantLeftChatNotification(7, ParticipantRef.User(5)),
        new Application.Stays.StayConversationOpenedNotification(2, StayConversation()),
    ];

    internal static Application.Stays.StayConversationDto StayConversation() => new(
        new Application.Stays.StayDto(501, 3, "204", new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 6), false),
        new Application.Chats.ChatDto
        {
            Id = 7, ChatType = Domain.Chats.ChatType.UserCustomer, SalonId = 2, IsActive = true, IsArchived = false, CreatedAt = Now, UpdatedAt = Now,
            Participants = [], TotalMessages = 0, LastSeq = 0, UnreadCount = 0, OnlineParticipants = [],
        },
        new Application.Common.Interfaces.ParticipantProfile(ParticipantRef.Customer(3), "Gina Guest", "+15550001111", null, null),
        null);

    internal static IEnumerable<SocketReply> Replies() =>
    [
        new ConnectedReply(ParticipantRef.User(4)),
        new JoinedReply(7, 41),
        new LeftReply(7),
        new ReloadHistoryReply(7, 3),
        new ReplayedMessageReply(Message()),
        new PongReply(Now),
        new AuthenticatedReply(Now),
        new ErrorReply("rate_limited", "Slow down."),
    ];

    private static MessageDto Message() => new()
    {
        Id = 41, ChatId = 7, Seq = 1, SenderType = ParticipantType.User, SenderUserId = 4, MessageType = Domain.Chats.MessageType.Text,
        Content = "hello", CreatedAt = Now, IsDeleted = false,
    };

    private static string Text(ReadOnlyMemory<byte> frame) => Encoding.UTF8.GetString(frame.Span);
}
