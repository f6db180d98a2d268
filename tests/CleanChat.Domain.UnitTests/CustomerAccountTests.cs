using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;
using static CleanChat.Domain.UnitTests.ChatFixtures;

namespace CleanChat.Domain.UnitTests;

/// <summary>A customer account a business created for someone, and that person signing up to it.</summary>
public class CustomerAccountTests
{
    [Fact]
    public void An_account_made_for_a_guest_is_claimed_once_with_the_guests_own_name_and_email()
    {
        var guest = new Customer("+15550001111", "Room 12 guest", null, Now);
        guest.IsUnclaimed.ShouldBeTrue();

        guest.Claim("hash", "  Nora ", " Nora@Example.com ");

        guest.IsUnclaimed.ShouldBeFalse();
        guest.PasswordHash.ShouldBe("hash");
        guest.DisplayName.ShouldBe("Nora");
        guest.Email.ShouldBe("nora@example.com");
        Should.Throw<DomainRuleViolationException>(() => guest.Claim("other", null, null)).Code.ShouldBe("phone_number_taken");
        guest.PasswordHash.ShouldBe("hash");
    }

    [Fact]
    public void Claiming_without_a_name_keeps_the_name_the_business_gave()
    {
        var guest = new Customer("+15550001111", "Room 12 guest", null, Now);

        guest.Claim("hash", displayName: null, email: null);

        guest.DisplayName.ShouldBe("Room 12 guest");
    }
}
