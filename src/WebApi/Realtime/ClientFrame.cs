using CleanChat.Domain.Chats;

namespace CleanChat.WebApi.Realtime;

/// <summary>
/// Any client frame of the protocol (<c>join_chat</c>, <c>send_message</c>, <c>typing</c>, ...): one shape
/// with every field optional, strictly typed, so a wrong type is reported with its field name.
/// </summary>
public sealed record ClientFrame(
    string? Type,
    long? ChatId,
    string? Content,
    MessageType? MessageType,
    string? MediaUrl,
    long? ReplyToMessageId,
    string? EntityType,
    long? EntityId,
    string? EntityTitle,
    bool? IsTyping,
    long? MessageId,
    Guid? ClientMessageId,
    long? DurationMs,
    long? LastSeq);
