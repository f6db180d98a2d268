using CleanChat.Domain.Common;

namespace CleanChat.Domain.Chats.Events;

// Events carry the aggregate itself where its database id is assigned on save:
// they are dispatched only after the commit, when the id is known.

public sealed record ChatCreated(Chat Chat, ParticipantRef CreatedBy, DateTime OccurredAt) : IDomainEvent;

public sealed record ParticipantAdded(Chat Chat, ParticipantRef Participant, DateTime OccurredAt) : IDomainEvent;

public sealed record ParticipantRemoved(Chat Chat, ParticipantRef Participant, DateTime OccurredAt) : IDomainEvent;

public sealed record ChatArchiveStateChanged(Chat Chat, bool IsArchived, DateTime OccurredAt) : IDomainEvent;

public sealed record MessagesRead(Chat Chat, ParticipantRef Reader, long UpToMessageId, DateTime OccurredAt) : IDomainEvent;

public sealed record MessageSent(ChatMessage Message, DateTime OccurredAt) : IDomainEvent;

public sealed record MessageEdited(ChatMessage Message, DateTime OccurredAt) : IDomainEvent;

public sealed record MessageDeleted(ChatMessage Message, ParticipantRef DeletedBy, DateTime OccurredAt) : IDomainEvent;
