using CleanChat.Application.Messages;
using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>Something connected clients of a chat should hear about.</summary>
public abstract record ChatNotification(long ChatId);

public sealed record MessagePostedNotification(MessageDto Message) : ChatNotification(Message.ChatId);

/// <summary>A retried send found its original: the sender's own sockets hear of it again, nobody else does.</summary>
public sealed record MessageRepeatedNotification(MessageDto Message, ParticipantRef Sender) : ChatNotification(Message.ChatId);

public sealed record MessageEditedNotification(MessageDto Message) : ChatNotification(Message.ChatId);

public sealed record MessageDeletedNotification(long ChatId, long MessageId, DateTime DeletedAt) : ChatNotification(ChatId);

public sealed record ReadReceiptNotification(long ChatId, long MessageId, ParticipantRef Reader, DateTime ReadAt) : ChatNotification(ChatId);

public sealed record ChatCreatedNotification(long ChatId, IReadOnlyList<ParticipantRef> Participants) : ChatNotification(ChatId);

public sealed record ParticipantAddedNotification(long ChatId, ParticipantRef Participant) : ChatNotification(ChatId);

public sealed record ParticipantRemovedNotification(long ChatId, ParticipantRef Participant) : ChatNotification(ChatId);

public sealed record ChatArchiveStateChangedNotification(long ChatId, bool IsArchived) : ChatNotification(ChatId);

public sealed record TypingNotification(long ChatId, ParticipantRef Participant, bool IsTyping) : ChatNotification(ChatId);
