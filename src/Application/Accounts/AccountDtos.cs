using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;

namespace CleanChat.Application.Accounts;

public sealed record StaffUserDto(long Id, long SalonId, string Email, string Name, StaffRole Role, DateTime CreatedAt)
{
    public static StaffUserDto From(StaffUser user) => new(user.Id, user.SalonId, user.Email, user.DisplayName, user.Role, user.CreatedAt);
}

public sealed record CustomerDto(long Id, string PhoneNumber, string? Name, string? Email, DateTime CreatedAt)
{
    public static CustomerDto From(Customer customer) => new(customer.Id, customer.PhoneNumber, customer.DisplayName, customer.Email, customer.CreatedAt);
}

public sealed record SalonDto(long Id, string Name, StaffUserDto Admin);
