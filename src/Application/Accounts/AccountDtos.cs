using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;

namespace CleanChat.Application.Accounts;

public sealed record StaffUserDto(long Id, long SalonId, string Email, string Name, StaffRole Role, JobTitle? JobTitle, DateTime CreatedAt);

public sealed record CustomerDto(long Id, string PhoneNumber, string? Name, string? Email, DateTime CreatedAt);

public sealed record SalonDto(long Id, string Name, StaffUserDto Admin);
