using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;

namespace CleanChat.Application.Chats;

/// <summary>The chats a caller may list: their own, and for a salon admin every chat of the salon.</summary>
internal static class VisibleChats
{
    public static IQueryable<Chat> For(IChatReadModel read, Caller caller)
    {
        var me = caller.Participant;
        var participants = read.Participants; // a local, so EF reads it as a value (see ChatProjection)
        var mine = read.Chats.Where(c => participants.Any(p =>
            p.ChatId == c.Id && p.IsActive && p.ParticipantType == me.Type && p.ParticipantId == me.Id));

        if (!caller.IsStaff)
            return mine;

        // Staff see the chats they take part in, and every front desk of their salon (a hotel's stays).
        var salonId = caller.SalonId;
        return caller.IsSalonAdmin
            ? read.Chats.Where(c => c.SalonId == salonId)
            : read.Chats.Where(c => c.SalonId == salonId && (c.IsFrontDesk || participants.Any(p =>
                p.ChatId == c.Id && p.IsActive && p.ParticipantType == me.Type && p.ParticipantId == me.Id)));
    }
}
