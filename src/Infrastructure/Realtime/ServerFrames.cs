using System.Text.Json;
using CleanChat.Application.Messages;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Serialization;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// The server-to-client frames of the protocol, each serialised once to UTF-8 JSON and then shared by
/// every recipient's queue.
/// </summary>
public static class ServerFrames
{
    public static ReadOnlyMemory<byte> Connected(ParticipantRef participant) =>
        Serialize(new { Type = "connected", ParticipantType = participant.Type, ParticipantId = participant.Id });

    public static ReadOnlyMemory<byte> Joined(long chatId, long? lastMessageId) =>
        Serialize(new { Type = "joined", ChatId = chatId, LastMessageId = lastMessageId });

    /// <summary>Too much was missed to replay over the socket: fetch history over REST (after_seq) instead.</summary>
    public static ReadOnlyMemory<byte> ReloadHistory(long chatId, long lastSeq) =>
        Serialize(new { Type = "reload_history", ChatId = chatId, LastSeq = lastSeq });

    public static ReadOnlyMemory<byte> Left(long chatId) => Serialize(new { Type = "left", ChatId = chatId });

    public static ReadOnlyMemory<byte> Message(MessageDto message) => Serialize(new { Type = "message", ChatId = message.ChatId, Message = message });

    public static ReadOnlyMemory<byte> MessageUpdated(MessageDto message) => Serialize(new { Type = "message_updated", ChatId = message.ChatId, Message = message });

    public static ReadOnlyMemory<byte> MessageDeleted(long chatId, long messageId, DateTime deletedAt) =>
        Serialize(new { Type = "message_deleted", ChatId = chatId, MessageId = messageId, DeletedAt = deletedAt });

    public static ReadOnlyMemory<byte> Typing(long chatId, ParticipantRef participant, bool isTyping) =>
        Serialize(new { Type = "typing", ChatId = chatId, ParticipantType = participant.Type, ParticipantId = participant.Id, IsTyping = isTyping });

    public static ReadOnlyMemory<byte> ReadReceipt(long chatId, long messageId, ParticipantRef reader, DateTime readAt) =>
        Serialize(new { Type = "read_receipt", ChatId = chatId, MessageId = messageId, ReaderType = reader.Type, ReaderId = reader.Id, ReadAt = readAt });

    public static ReadOnlyMemory<byte> UserJoined(long chatId, ParticipantRef participant) =>
        Serialize(new { Type = "user_joined", ChatId = chatId, ParticipantType = participant.Type, ParticipantId = participant.Id });

    public static ReadOnlyMemory<byte> UserLeft(long chatId, ParticipantRef participant) =>
        Serialize(new { Type = "user_left", ChatId = chatId, ParticipantType = participant.Type, ParticipantId = participant.Id });

    public static ReadOnlyMemory<byte> ChatCreated(long chatId) => Serialize(new { Type = "chat_created", ChatId = chatId });

    public static ReadOnlyMemory<byte> ParticipantAdded(long chatId, ParticipantRef participant) =>
        Serialize(new { Type = "participant_added", ChatId = chatId, ParticipantType = participant.Type, ParticipantId = participant.Id });

    public static ReadOnlyMemory<byte> ParticipantRemoved(long chatId, ParticipantRef participant) =>
        Serialize(new { Type = "participant_removed", ChatId = chatId, ParticipantType = participant.Type, ParticipantId = participant.Id });

    public static ReadOnlyMemory<byte> ChatArchiveState(long chatId, bool isArchived) =>
        Serialize(new { Type = isArchived ? "chat_archived" : "chat_unarchived", ChatId = chatId });

    public static ReadOnlyMemory<byte> Pong(DateTime now) => Serialize(new { Type = "pong", Timestamp = now });

    /// <summary>An error answering one client frame; the connection stays open.</summary>
    public static ReadOnlyMemory<byte> Error(string code, string error, string? requestType = null, long? chatId = null, IReadOnlyDictionary<string, string[]>? errors = null) =>
        Serialize(new { Type = "error", Code = code, Error = error, RequestType = requestType, ChatId = chatId, Errors = errors });

    private static ReadOnlyMemory<byte> Serialize<T>(T frame) => JsonSerializer.SerializeToUtf8Bytes(frame, CleanChatJson.Options);
}
