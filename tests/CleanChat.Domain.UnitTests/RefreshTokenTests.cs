using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;

namespace CleanChat.Domain.UnitTests;

public class RefreshTokenTests
{
    private static readonly DateTime Login = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Rotating_retires_the_token_and_the_successor_keeps_the_family_and_its_end()
    {
        var first = RefreshToken.StartFamily("h1", ParticipantRef.Customer(3), Login, TimeSpan.FromDays(30));

        var second = first.Rotate("h2", Login.AddDays(10));

        first.StateAt(Login.AddDays(10)).ShouldBe(RefreshTokenState.Reused);
        second.StateAt(Login.AddDays(10)).ShouldBe(RefreshTokenState.Usable);
        (second.FamilyId, second.ExpiresAt, second.Participant).ShouldBe((first.FamilyId, Login.AddDays(30), ParticipantRef.Customer(3)));
        second.StateAt(Login.AddDays(30)).ShouldBe(RefreshTokenState.Expired);
    }

    [Fact]
    public void Only_a_usable_token_can_be_rotated_and_revocation_wins_over_every_other_state()
    {
        var token = RefreshToken.StartFamily("h1", ParticipantRef.User(4), Login, TimeSpan.FromDays(1));
        token.Rotate("h2", Login);

        Should.Throw<DomainRuleViolationException>(() => token.Rotate("h3", Login)).Code.ShouldBe("refresh_token_unusable");
        Should.Throw<DomainRuleViolationException>(() => RefreshToken.StartFamily("h4", ParticipantRef.User(4), Login, TimeSpan.FromDays(1)).Rotate("h5", Login.AddDays(1)));

        token.Revoke(Login.AddHours(1));
        token.Revoke(Login.AddHours(2));
        token.RevokedAt.ShouldBe(Login.AddHours(1));
        token.StateAt(Login.AddHours(3)).ShouldBe(RefreshTokenState.Revoked);
    }
}
