using System.Text.Json;
using System.Text.Json.Serialization;
using CleanChat.Application.Chats;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Messages;
using CleanChat.Application.Stays;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Serialization;

namespace CleanChat.Infrastructure.Realtime.Protocol;

/// <summary>
/// The salon guide's socket protocol: JSON text frames with a snake_case <c>type</c>, the same field
/// names and shapes as the REST API.
/// </summary>
public sealed class SalonGuideCodec : IRealtimeCodec
{
    public static SalonGuideCodec Instance { get; } = new();

    public ClientFrame Decode(ReadOnlySpan<byte> payload)
    {
        ClientFrame? frame;
        try
        {
            frame = JsonSerializer.Deserialize<ClientFrame>(payload, CleanChatJson.Options);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            throw new RealtimeProtocolException("invalid_frame", field is null
                ? "The frame is not a JSON object of the protocol."
                : $"Field '{field}' is missing or of the wrong type.");
        }

        return frame?.Type is null
            ? throw new RealtimeProtocolException("invalid_frame", "The frame has no 'type'.")
            : frame;
    }

    public bool SetsOwnFrames => false;

    public string Dialect => "salon";

    public ReadOnlyMemory<byte> Encode(ChatNotification notification, bool toActor) => Encode(notification);

    public ReadOnlyMemory<byte> Encode(ChatNotification notification) => notification switch
    {
        MessagePostedNotification n => Serialize(new MessageFrame("message", n.ChatId, n.Message)),
        MessageRepeatedNotification n => Serialize(new MessageFrame("message", n.ChatId, n.Message)),
        MessageEditedNotification n => Serialize(new MessageFrame("message_updated", n.ChatId, n.Message)),
        MessageDeletedNotification n => Serialize(new MessageDeletedFrame("message_deleted", n.ChatId, n.MessageId, n.DeletedAt)),
        ReadReceiptNotification n => Serialize(new ReadReceiptFrame("read_receipt", n.ChatId, n.MessageId, n.Reader.Type, n.Reader.Id, n.ReadAt)),
        DeliveryReceiptNotification n => Serialize(new DeliveryReceiptFrame("delivery_receipt", n.ChatId, n.MessageId, n.Recipient.Type, n.Recipient.Id, n.DeliveredAt)),
        TypingNotification n => Serialize(new TypingFrame("typing", n.ChatId, n.Participant.Type, n.Participant.Id, n.IsTyping)),
        ChatCreatedNotification n => Serialize(new ChatFrame("chat_created", n.ChatId)),
        StayConversationOpenedNotification n => Serialize(new ChatFrame("chat_created", n.ChatId)),
        ChatArchiveStateChangedNotification n => Serialize(new ChatFrame(n.IsArchived ? "chat_archived" : "chat_unarchived", n.ChatId)),
        ParticipantAddedNotification n => Participant("participant_added", n.ChatId, n.Participant),
        ParticipantRemovedNotification n => Participant("participant_removed", n.ChatId, n.Participant),
        ParticipantJoinedChatNotification n => Participant("user_joined", n.ChatId, n.Participant),
        ParticipantLeftChatNotification n => Participant("user_left", n.ChatId, n.Participant),
        _ => throw new ArgumentOutOfRangeException(nameof(notification), notification.GetType().Name, "The salon guide protocol has no frame for this notification."),
    };

    public ReadOnlyMemory<byte> Encode(SocketReply reply) => reply switch
    {
        ConnectedReply r => Serialize(new ConnectedFrame("connected", r.Participant.Type, r.Participant.Id)),
        JoinedReply r => Serialize(new JoinedFrame("joined", r.ChatId, r.LastMessageId)),
        LeftReply r => Serialize(new ChatFrame("left", r.ChatId)),
        ReloadHistoryReply r => Serialize(new ReloadHistoryFrame("reload_history", r.ChatId, r.LastSeq)),
        ReplayedMessageReply r => Serialize(new MessageFrame("message", r.Message.ChatId, r.Message)),
        PongReply r => Serialize(new PongFrame("pong", r.Timestamp)),
        AuthenticatedReply r => Serialize(new AuthenticatedFrame("authenticated", r.ExpiresAt)),
        ErrorReply r => Serialize(new ErrorFrame("error", r.Code, r.Error, r.RequestType, r.ChatId, r.Errors, r.RetryAfter is { } wait ? (long)Math.Ceiling(wait.TotalMilliseconds) : null)),
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "The salon guide protocol has no frame for this reply."),
    };

    private static ReadOnlyMemory<byte> Participant(string type, long chatId, ParticipantRef participant) =>
        Serialize(new ParticipantFrame(type, chatId, participant.Type, participant.Id));

    private static ReadOnlyMemory<byte> Serialize<T>(T frame) => JsonSerializer.SerializeToUtf8Bytes(frame, CleanChatJson.Options);

    // The frames' shapes, field by field in wire order (names become snake_case).
    private sealed record ChatFrame(string Type, long ChatId);

    private sealed record ParticipantFrame(string Type, long ChatId, ParticipantType ParticipantType, long ParticipantId);

    private sealed record MessageFrame(string Type, long ChatId, MessageDto Message);

    private sealed record DeliveryReceiptFrame(string Type, long ChatId, long MessageId, ParticipantType ParticipantType, long ParticipantId, DateTime DeliveredAt);

    private sealed record MessageDeletedFrame(string Type, long ChatId, long MessageId, DateTime DeletedAt);

    private sealed record ReadReceiptFrame(string Type, long ChatId, long MessageId, ParticipantType ReaderType, long ReaderId, DateTime ReadAt);

    private sealed record TypingFrame(string Type, long ChatId, ParticipantType ParticipantType, long ParticipantId, bool IsTyping);

    private sealed record ConnectedFrame(string Type, ParticipantType ParticipantType, long ParticipantId);

    private sealed record JoinedFrame(string Type, long ChatId, long? LastMessageId);

    private sealed record ReloadHistoryFrame(string Type, long ChatId, long LastSeq);

    private sealed record PongFrame(string Type, DateTime Timestamp);

    private sealed record AuthenticatedFrame(string Type, DateTime ExpiresAt);

    private sealed record ErrorFrame(string Type, string Code, string Error, string? RequestType, long? ChatId, IReadOnlyDictionary<string, string[]>? Errors,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? RetryAfterMs);
}
