using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Notifications;

/// <summary>Who hears a <see cref="ChatNotification"/>: a closed set, so every notifier handles every case.</summary>
public abstract record NotificationAudience
{
    private NotificationAudience()
    {
    }

    /// <summary>Every socket that joined the chat.</summary>
    public static NotificationAudience ChatFollowers { get; } = new Followers(ExceptOrigin: false);

    /// <summary>Every socket that joined the chat except the one whose frame caused the notification, which knows already.</summary>
    public static NotificationAudience ChatFollowersButOrigin { get; } = new Followers(ExceptOrigin: true);

    /// <summary>The sockets of one participant that joined the chat.</summary>
    public static NotificationAudience OwnSocketsInChat(ParticipantRef participant) => new OwnSockets(participant);

    /// <summary>
    /// Every socket that joined the chat, and every socket of these participants wherever they are
    /// connected: people new to a chat (or just removed from it) do not follow it, but must hear of it.
    /// </summary>
    public static NotificationAudience ChatFollowersAndEverySocketOf(IReadOnlyList<ParticipantRef> participants) => new FollowersAnd(participants);

    /// <summary>Every socket of the salon's staff, whatever they follow (a front-desk chat opened).</summary>
    public static NotificationAudience StaffOfSalon(long salonId) => new SalonStaff(salonId);

    public sealed record Followers(bool ExceptOrigin) : NotificationAudience;

    public sealed record SalonStaff(long SalonId) : NotificationAudience;

    public sealed record OwnSockets(ParticipantRef Participant) : NotificationAudience;

    public sealed record FollowersAnd(IReadOnlyList<ParticipantRef> Participants) : NotificationAudience;
}
