using CleanChat.Application.Chats;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using CleanChat.Domain.Stays;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Stays;

/// <summary>Reads stay conversations in full: the chats with their latest messages, their stays, their guests; a query each, not one per chat.</summary>
internal sealed class StayConversationReader
{
    private readonly IChatReadModel _read;
    private readonly IParticipantProfiles _profiles;
    private readonly IPresenceTracker _presence;

    public StayConversationReader(IChatReadModel read, IParticipantProfiles profiles, IPresenceTracker presence)
    {
        _read = read;
        _profiles = profiles;
        _presence = presence;
    }

    /// <summary>Every stay conversation the caller may see: their hotel's (staff, at the front desk), or their own (a guest).</summary>
    public IQueryable<Chat> VisibleTo(Caller caller)
    {
        var stayChats = _read.Chats.Where(c => c.IsFrontDesk && c.Context!.Type == Stay.ContextType);
        if (caller.IsStaff)
        {
            var salonId = caller.SalonId;
            return stayChats.Where(c => c.SalonId == salonId);
        }

        var me = caller.Participant;
        var participants = _read.Participants; // a local, so EF reads it as a value (see ChatProjection)
        return stayChats.Where(c => participants.Any(p => p.ChatId == c.Id && p.IsActive && p.ParticipantType == me.Type && p.ParticipantId == me.Id));
    }

    public async Task<IReadOnlyList<StayConversationDto>> ReadAsync(IQueryable<Chat> chats, Caller caller, CancellationToken cancellationToken)
    {
        var found = await PeerChatReader.ReadAsync(_read, chats, caller, _presence, cancellationToken);
        if (found.Count == 0)
            return Array.Empty<StayConversationDto>();

        var keys = found.Select(f => (f.Chat.SalonId ?? 0, f.Chat.Context?.Id ?? 0)).ToList();
        var salonIds = keys.Select(k => k.Item1).Distinct().ToList();
        var stayIds = keys.Select(k => k.Item2).Distinct().ToList();
        var stays = (await _read.Stays.Where(s => salonIds.Contains(s.SalonId) && stayIds.Contains(s.StayId)).ToListAsync(cancellationToken))
            .ToDictionary(s => (s.SalonId, s.StayId));
        var guests = await _profiles.GetManyAsync(stays.Values.Select(s => s.Guest).Distinct().ToList(), cancellationToken);

        return found
            .Where(f => stays.ContainsKey((f.Chat.SalonId ?? 0, f.Chat.Context?.Id ?? 0)))
            .Select(f =>
            {
                var stay = stays[(f.Chat.SalonId ?? 0, f.Chat.Context?.Id ?? 0)];
                return new StayConversationDto(ToDto(stay), f.Chat, guests.GetValueOrDefault(stay.Guest) ?? Unknown(stay.Guest), f.LastMessage);
            })
            .ToList();
    }

    public static StayDto ToDto(Stay stay) => new(stay.StayId, stay.GuestId, stay.RoomNumber, stay.CheckIn, stay.CheckOut, stay.IsCheckedOut);

    private static ParticipantProfile Unknown(ParticipantRef guest) => new(guest, string.Empty, string.Empty, null, null);
}
