using CleanChat.Application.Common.Security;
using CleanChat.Domain.Accounts;

namespace CleanChat.Application.Accounts;

/// <summary>An account as the caller of requests: what a token or a session of it stands for.</summary>
public static class AccountCallers
{
    public static Caller Of(StaffUser user) => new(user.AsParticipant, user.SalonId, user.Role, user.DisplayName);

    public static Caller Of(Customer customer) => new(customer.AsParticipant, null, null, customer.DisplayName ?? customer.PhoneNumber);
}
