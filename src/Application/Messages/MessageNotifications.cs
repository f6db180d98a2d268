using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Notifications;
using CleanChat.Domain.Common;

namespace CleanChat.Application.Messages;

/// <summary>A new message, for everyone following its chat (its sender's sockets take it as the acknowledgement).</summary>
public sealed record MessagePostedNotification(MessageDto Message) : ChatNotification(Message.ChatId)
{
    public override NotificationAudience Audience => NotificationAudience.ChatFollowers;

    public override long? Seq => Message.Seq;

    public override ParticipantRef? Actor => Message.Sender();

    /// <summary>The sender as protocols that show more than a name describe them (the mentoring one's <c>sender_profile</c>).</summary>
    public ParticipantProfile? SenderProfile { get; init; }
}

/// <summary>A retried send found its original: the sender's own sockets hear of it again, nobody else does.</summary>
public sealed record MessageRepeatedNotification(MessageDto Message, ParticipantRef Sender) : ChatNotification(Message.ChatId)
{
    public override NotificationAudience Audience => NotificationAudience.OwnSocketsInChat(Sender);

    public override ParticipantRef? Actor => Sender;
}

public sealed record MessageEditedNotification(MessageDto Message) : ChatNotification(Message.ChatId)
{
    public override NotificationAudience Audience => NotificationAudience.ChatFollowers;
}

public sealed record MessageDeletedNotification(long ChatId, long MessageId, DateTime DeletedAt) : ChatNotification(ChatId)
{
    public override NotificationAudience Audience => NotificationAudience.ChatFollowers;
}

/// <summary>A participant read up to a message; the socket that marked it knows already.</summary>
public sealed record ReadReceiptNotification(long ChatId, long MessageId, ParticipantRef Reader, DateTime ReadAt) : ChatNotification(ChatId)
{
    public override NotificationAudience Audience => NotificationAudience.ChatFollowersButOrigin;

    public override ParticipantRef? Actor => Reader;
}

/// <summary>Messages up to <see cref="MessageId"/> reached a participant; their senders' sockets can show it.</summary>
public sealed record DeliveryReceiptNotification(long ChatId, long MessageId, ParticipantRef Recipient, DateTime DeliveredAt) : ChatNotification(ChatId)
{
    public override NotificationAudience Audience => NotificationAudience.ChatFollowers;
}
