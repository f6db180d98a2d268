using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Security;

/// <summary>The authenticated person behind a request, as the access token describes them.</summary>
public sealed record Caller(ParticipantRef Participant, long? SalonId, StaffRole? Role, string DisplayName)
{
    public bool IsStaff => Participant.Type == ParticipantType.User;

    public bool IsCustomer => Participant.Type == ParticipantType.Customer;

    public bool IsSalonAdmin => IsStaff && Role == StaffRole.Admin;

    public Actor ToActor() => new(Participant, SalonId, Role);
}
