using CleanChat.Domain.Common;

namespace CleanChat.Domain.Chats;

/// <summary>
/// An immutable picture of the parts of a <see cref="Chat"/> that decide who may post to it. Sending is
/// the hot path: a snapshot can be kept in memory and shared between requests, where the tracked
/// aggregate cannot, and it applies exactly the rules <see cref="Chat.PostMessage"/> applies.
/// </summary>
public sealed class ChatSnapshot
{
    private readonly HashSet<ParticipantRef> _activeParticipants;

    public ChatSnapshot(long id, long salonId, ChatType type, bool isActive, bool isArchived, IEnumerable<ParticipantRef> activeParticipants)
    {
        Id = Guard.Against.NegativeOrZero(id);
        SalonId = salonId;
        Type = type;
        IsActive = isActive;
        IsArchived = isArchived;
        _activeParticipants = new HashSet<ParticipantRef>(activeParticipants);
    }

    public long Id { get; }

    public long SalonId { get; }

    public ChatType Type { get; }

    public bool IsActive { get; }

    public bool IsArchived { get; }

    public IReadOnlyCollection<ParticipantRef> ActiveParticipants => _activeParticipants;

    public bool IsActiveParticipant(ParticipantRef participant) => _activeParticipants.Contains(participant);

    /// <summary>
    /// A new message for this chat. Its sequence number and id are assigned when it is stored, since
    /// only the single writer knows which number comes next.
    /// </summary>
    public ChatMessage PostMessage(ParticipantRef sender, MessageBody body, ChatMessage? replyTo, Guid? clientMessageId, DateTime now)
    {
        MessagePostingRules.Ensure(Id, IsActiveParticipant(sender), IsArchived, IsActive, replyTo);
        return ChatMessage.ForChat(Id, sender, body.Normalized(), replyTo?.Id, clientMessageId, now);
    }
}

/// <summary>The rules for posting, shared by the aggregate and its snapshot so they cannot drift apart.</summary>
internal static class MessagePostingRules
{
    public static void Ensure(long chatId, bool senderIsActiveParticipant, bool isArchived, bool isActive, ChatMessage? replyTo)
    {
        Guard.Against.NotPermitted(!senderIsActiveParticipant, "not_a_participant", "Only an active participant may send messages to this chat.");
        Guard.Against.RuleBroken(isArchived, "chat_archived", "The chat is archived; unarchive it to send messages.");
        Guard.Against.RuleBroken(!isActive, "chat_inactive", "The chat is closed.");
        Guard.Against.RuleBroken(replyTo is not null && replyTo.ChatId != chatId, "reply_to_other_chat", "A reply must target a message of the same chat.");
    }
}
