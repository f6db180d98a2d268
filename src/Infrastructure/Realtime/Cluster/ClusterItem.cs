using System.Text.Json.Serialization;
using CleanChat.Domain.Chats.Events;
using CleanChat.Domain.Common;

namespace CleanChat.Infrastructure.Realtime.Cluster;

/// <summary>
/// One thing every node must hear, as it travels between nodes through the database (ADR 0016): a
/// committed chat event by reference (ids and small fields; a node loads the rest), or a notification
/// that is never stored. Short names keep a notification's payload well under PostgreSQL's 8,000 bytes.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "k")]
[JsonDerivedType(typeof(MessageSentItem), "m")]
[JsonDerivedType(typeof(MessageEditedItem), "e")]
[JsonDerivedType(typeof(MessageDeletedItem), "d")]
[JsonDerivedType(typeof(MessagesReadItem), "r")]
[JsonDerivedType(typeof(ChatCreatedItem), "c")]
[JsonDerivedType(typeof(ParticipantAddedItem), "a")]
[JsonDerivedType(typeof(ParticipantRemovedItem), "x")]
[JsonDerivedType(typeof(ArchiveChangedItem), "v")]
[JsonDerivedType(typeof(AccountChangedItem), "u")]
[JsonDerivedType(typeof(NotificationItem), "n")]
[JsonDerivedType(typeof(PresenceItem), "p")]
internal abstract record ClusterItem
{
    [JsonPropertyName("c")]
    public long ChatId { get; init; }

    /// <summary>The socket whose frame caused it, on whichever node: left out where the audience says so.</summary>
    [JsonPropertyName("o")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? Origin { get; init; }

    /// <summary>The reference to a committed event (every domain event has one).</summary>
    public static ClusterItem Of(IDomainEvent domainEvent, Guid? origin) => domainEvent switch
    {
        MessageSent e => new MessageSentItem { ChatId = e.Message.ChatId, Seq = e.Message.Seq, MessageId = e.Message.Id, Origin = origin },
        MessageEdited e => new MessageEditedItem { ChatId = e.Message.ChatId, MessageId = e.Message.Id, At = e.OccurredAt, Origin = origin },
        MessageDeleted e => new MessageDeletedItem { ChatId = e.Message.ChatId, MessageId = e.Message.Id, By = e.DeletedBy, At = e.OccurredAt, Origin = origin },
        MessagesRead e => new MessagesReadItem { ChatId = e.Chat.Id, Reader = e.Reader, UpToMessageId = e.UpToMessageId, At = e.OccurredAt, Origin = origin },
        ChatCreated e => new ChatCreatedItem { ChatId = e.Chat.Id, By = e.CreatedBy, At = e.OccurredAt, Origin = origin },
        ParticipantAdded e => new ParticipantAddedItem { ChatId = e.Chat.Id, Participant = e.Participant, At = e.OccurredAt, Origin = origin },
        ParticipantRemoved e => new ParticipantRemovedItem { ChatId = e.Chat.Id, Participant = e.Participant, At = e.OccurredAt, Origin = origin },
        ChatArchiveStateChanged e => new ArchiveChangedItem { ChatId = e.Chat.Id, IsArchived = e.IsArchived, At = e.OccurredAt, Origin = origin },
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent.GetType().Name, "No cluster item for this event."),
    };
}

/// <summary>An event about one message, rebuilt around the message as stored.</summary>
internal abstract record MessageItem : ClusterItem
{
    [JsonPropertyName("i")]
    public long MessageId { get; init; }
}

/// <summary>An event about a chat's state or membership, rebuilt around the chat as stored.</summary>
internal abstract record ChatItem : ClusterItem
{
    [JsonPropertyName("t")]
    public DateTime At { get; init; }
}

internal sealed record MessageSentItem : MessageItem
{
    [JsonPropertyName("s")]
    public long Seq { get; init; }
}

internal sealed record MessageEditedItem : MessageItem
{
    [JsonPropertyName("t")]
    public DateTime At { get; init; }
}

internal sealed record MessageDeletedItem : MessageItem
{
    [JsonPropertyName("b")]
    public ParticipantRef By { get; init; }

    [JsonPropertyName("t")]
    public DateTime At { get; init; }
}

internal sealed record MessagesReadItem : ChatItem
{
    [JsonPropertyName("p")]
    public ParticipantRef Reader { get; init; }

    [JsonPropertyName("i")]
    public long UpToMessageId { get; init; }
}

internal sealed record ChatCreatedItem : ChatItem
{
    [JsonPropertyName("b")]
    public ParticipantRef By { get; init; }
}

internal sealed record ParticipantAddedItem : ChatItem
{
    [JsonPropertyName("p")]
    public ParticipantRef Participant { get; init; }
}

internal sealed record ParticipantRemovedItem : ChatItem
{
    [JsonPropertyName("p")]
    public ParticipantRef Participant { get; init; }
}

internal sealed record ArchiveChangedItem : ChatItem
{
    [JsonPropertyName("a")]
    public bool IsArchived { get; init; }
}

/// <summary>An account whose cached profile every node drops (a guest who signed up to the account their hotel made).</summary>
internal sealed record AccountChangedItem : ClusterItem
{
    [JsonPropertyName("p")]
    public ParticipantRef Account { get; init; }
}

/// <summary>A notification that is never stored (typing, delivery receipts, …), whole: see <see cref="RelayedNotifications"/>.</summary>
internal sealed record NotificationItem : ClusterItem
{
    [JsonPropertyName("n")]
    public required string Name { get; init; }

    [JsonPropertyName("b")]
    public required System.Text.Json.JsonElement Body { get; init; }
}

/// <summary>
/// Who is online on one node: a change (<see cref="Online"/> for one participant) or, every heartbeat, a
/// part of the node's whole list (<see cref="Round"/> numbers the heartbeat; a new round replaces the last).
/// </summary>
internal sealed record PresenceItem : ClusterItem
{
    [JsonPropertyName("node")]
    public Guid Node { get; init; }

    /// <summary>For a heartbeat part: its round; null for a single change.</summary>
    [JsonPropertyName("r")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Round { get; init; }

    [JsonPropertyName("on")]
    public bool Online { get; init; }

    [JsonPropertyName("ps")]
    public required ParticipantRef[] Participants { get; init; }
}
