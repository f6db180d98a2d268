namespace CleanChat.Domain.Common;

/// <summary>
/// Who is acting, as far as domain rules care: the participant, and for staff their salon and role
/// (a salon admin may moderate any chat of the salon).
/// </summary>
public sealed record Actor(ParticipantRef Participant, long? SalonId, StaffRole? Role)
{
    public static Actor Customer(long id) => new(ParticipantRef.Customer(id), null, null);

    public static Actor Staff(long id, long salonId, StaffRole role) => new(ParticipantRef.User(id), salonId, role);

    /// <summary>Whether this is an admin of the salon; no one administers a peer chat (<paramref name="salonId"/> null).</summary>
    public bool IsAdminOf(long? salonId) =>
        salonId is not null && Participant.Type == ParticipantType.User && Role == StaffRole.Admin && SalonId == salonId;
}
