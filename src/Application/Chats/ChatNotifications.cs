using CleanChat.Application.Common.Notifications;
using CleanChat.Domain.Common;

namespace CleanChat.Application.Chats;

/// <summary>A new chat: nobody follows it yet, so its participants hear of it on every socket they have open.</summary>
public sealed record ChatCreatedNotification(long ChatId, IReadOnlyList<ParticipantRef> Participants) : ChatNotification(ChatId)
{
    public override NotificationAudience Audience => NotificationAudience.ChatFollowersAndEverySocketOf(Participants);
}

public sealed record ParticipantAddedNotification(long ChatId, ParticipantRef Participant) : ChatNotification(ChatId)
{
    public override NotificationAudience Audience => NotificationAudience.ChatFollowersAndEverySocketOf([Participant]);
}

/// <summary>A participant was removed; they hear of it too, and their sockets stop following the chat.</summary>
public sealed record ParticipantRemovedNotification(long ChatId, ParticipantRef Participant) : ChatNotification(ChatId)
{
    public override NotificationAudience Audience => NotificationAudience.ChatFollowersAndEverySocketOf([Participant]);

    public override ParticipantRef? StopsFollowing => Participant;
}

public sealed record ChatArchiveStateChangedNotification(long ChatId, bool IsArchived) : ChatNotification(ChatId)
{
    public override NotificationAudience Audience => NotificationAudience.ChatFollowers;
}

/// <summary>Someone started or stopped typing; nothing is stored, and their own socket knows.</summary>
public sealed record TypingNotification(long ChatId, ParticipantRef Participant, bool IsTyping) : ChatNotification(ChatId)
{
    public override NotificationAudience Audience => NotificationAudience.ChatFollowersButOrigin;
}

/// <summary>A participant's first socket started following the chat (presence within the chat).</summary>
public sealed record ParticipantJoinedChatNotification(long ChatId, ParticipantRef Participant) : ChatNotification(ChatId)
{
    public override NotificationAudience Audience => NotificationAudience.ChatFollowersButOrigin;
}

/// <summary>A participant's last socket stopped following the chat.</summary>
public sealed record ParticipantLeftChatNotification(long ChatId, ParticipantRef Participant) : ChatNotification(ChatId)
{
    public override NotificationAudience Audience => NotificationAudience.ChatFollowersButOrigin;
}
