using CleanChat.Domain.Common;

namespace CleanChat.Domain.Chats;

/// <summary>A person's membership of a chat, with how far messages have reached them and how far they have read.</summary>
public sealed class ChatParticipant : Entity
{
    private ChatParticipant()
    {
    }

    internal ChatParticipant(ParticipantRef participant, DateTime joinedAt)
    {
        ParticipantType = participant.Type;
        ParticipantId = participant.Id;
        JoinedAt = joinedAt;
        IsActive = true;
    }

    public long ChatId { get; private set; }

    public ParticipantType ParticipantType { get; private set; }

    public long ParticipantId { get; private set; }

    public ParticipantRef Participant => new(ParticipantType, ParticipantId);

    public DateTime JoinedAt { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime? LeftAt { get; private set; }

    public long? LastReadMessageId { get; private set; }

    public DateTime? LastReadAt { get; private set; }

    /// <summary>
    /// How far messages have reached this participant: handed to one of their sockets, or fetched in a
    /// history page. Moved forward in batches by the delivery recorder, never back; reading implies it.
    /// </summary>
    public long? LastDeliveredMessageId { get; private set; }

    public DateTime? LastDeliveredAt { get; private set; }

    /// <summary>Moves the read pointer forward; returns false (and changes nothing) when it would not move.</summary>
    internal bool MarkReadUpTo(long messageId, DateTime now)
    {
        if (LastReadMessageId is { } current && messageId <= current)
            return false;

        LastReadMessageId = messageId;
        LastReadAt = now;

        // What was read has reached the reader, however it got there.
        if (LastDeliveredMessageId is null || LastDeliveredMessageId < messageId)
        {
            LastDeliveredMessageId = messageId;
            LastDeliveredAt = now;
        }

        return true;
    }

    internal void Leave(DateTime now)
    {
        IsActive = false;
        LeftAt = now;
    }

    internal void Rejoin(DateTime now)
    {
        IsActive = true;
        LeftAt = null;
        JoinedAt = now;
    }
}
