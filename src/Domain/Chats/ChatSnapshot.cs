using CleanChat.Domain.Common;

namespace CleanChat.Domain.Chats;

/// <summary>
/// An immutable picture of the parts of a <see cref="Chat"/> that decide who may post to it, and the one
/// way to post: every message, a new chat's greeting included, is created here. Sending is the hot path:
/// a snapshot can be kept in memory and shared between requests, where the tracked aggregate cannot.
/// </summary>
public sealed class ChatSnapshot
{
    private readonly HashSet<ParticipantRef> _activeParticipants;

    public ChatSnapshot(long id, long? salonId, ChatType type, bool isActive, bool isArchived, IEnumerable<ParticipantRef> activeParticipants, bool isFrontDesk = false)
    {
        Id = Guard.Against.NegativeOrZero(id);
        SalonId = salonId;
        Type = type;
        IsActive = isActive;
        IsArchived = isArchived;
        IsFrontDesk = isFrontDesk;
        _activeParticipants = new HashSet<ParticipantRef>(activeParticipants);
    }

    public long Id { get; }

    /// <summary>Null for a peer chat between customers.</summary>
    public long? SalonId { get; }

    public ChatType Type { get; }

    public bool IsActive { get; }

    public bool IsArchived { get; }

    /// <summary>Every staff user of the salon may read and post, as at a front desk (<see cref="Chat.IsFrontDesk"/>).</summary>
    public bool IsFrontDesk { get; }

    /// <summary>Whether the staff user of this salon may act here without being a participant yet.</summary>
    public bool IsOpenTo(ParticipantRef staff, long? staffSalonId) => Chat.FrontDeskAdmits(IsFrontDesk, SalonId, staff, staffSalonId);

    public IReadOnlyCollection<ParticipantRef> ActiveParticipants => _activeParticipants;

    public bool IsActiveParticipant(ParticipantRef participant) => _activeParticipants.Contains(participant);

    /// <summary>
    /// A new message for this chat. Only an active participant may post, never into an archived or closed
    /// chat, and a reply must point at a message of this same chat. The sequence number and id are assigned
    /// when the message is stored, since only the single writer knows which number comes next.
    /// </summary>
    public ChatMessage PostMessage(ParticipantRef sender, MessageBody body, ChatMessage? replyTo, Guid? clientMessageId, DateTime now)
    {
        Guard.Against.NotPermitted(!IsActiveParticipant(sender), "not_a_participant", "Only an active participant may send messages to this chat.");
        Guard.Against.RuleBroken(IsArchived, "chat_archived", "The chat is archived; unarchive it to send messages.");
        Guard.Against.RuleBroken(!IsActive, "chat_inactive", "The chat is closed.");
        Guard.Against.RuleBroken(replyTo is not null && replyTo.ChatId != Id, "reply_to_other_chat", "A reply must target a message of the same chat.");
        return ChatMessage.ForChat(Id, sender, body.Normalized(), replyTo?.Id, clientMessageId, now);
    }

    /// <summary>
    /// A message of the service itself (a stay's welcome, a room change): no participant sends it, so no
    /// membership applies, but a closed or archived chat takes nothing.
    /// </summary>
    public ChatMessage PostSystemMessage(string text, DateTime now)
    {
        Guard.Against.RuleBroken(IsArchived, "chat_archived", "The chat is archived; unarchive it to send messages.");
        Guard.Against.RuleBroken(!IsActive, "chat_inactive", "The chat is closed.");
        return ChatMessage.ForChat(Id, ParticipantRef.System, MessageBody.SystemNotice(text), null, null, now);
    }
}

