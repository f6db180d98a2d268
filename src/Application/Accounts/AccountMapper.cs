using CleanChat.Domain.Accounts;
using Riok.Mapperly.Abstractions;

namespace CleanChat.Application.Accounts;

/// <summary>Accounts as the API shows them; generated, so a member added to a DTO without a source fails the build.</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
internal static partial class AccountMapper
{
    [MapProperty(nameof(StaffUser.DisplayName), nameof(StaffUserDto.Name))]
    public static partial StaffUserDto ToDto(this StaffUser user);

    [MapProperty(nameof(Customer.DisplayName), nameof(CustomerDto.Name))]
    public static partial CustomerDto ToDto(this Customer customer);
}
