using CleanChat.Application.Common.Notifications;
using CleanChat.Domain.Common;

namespace CleanChat.Application.Stays;

/// <summary>A stay's conversation opened: every connected staff user of the hotel hears of it (the front desk's new guest).</summary>
public sealed record StayConversationOpenedNotification(long SalonId, StayConversationDto Conversation) : ChatNotification(Conversation.Chat.Id)
{
    public override NotificationAudience Audience => NotificationAudience.StaffOfSalon(SalonId);

    /// <summary>The guest's sockets that follow their stays take up the new one.</summary>
    public override ParticipantRef? StartsFollowing => ParticipantRef.Customer(Conversation.Stay.GuestId);
}
