using CleanChat.Application.Accounts;
using CleanChat.Application.Accounts.Commands.RefreshAccessToken;
using CleanChat.Application.Accounts.Commands.RevokeRefreshToken;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CleanChat.Application.UnitTests;

public class RefreshTokenCommandTests
{
    private static readonly DateTime Login = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Login).AddHours(1));
    private readonly IRefreshTokenRepository _refreshTokens = Substitute.For<IRefreshTokenRepository>();
    private readonly ISessionTokens _secrets = Substitute.For<ISessionTokens>();
    private readonly IStaffUserRepository _staff = Substitute.For<IStaffUserRepository>();
    private readonly ICustomerRepository _customers = Substitute.For<ICustomerRepository>();
    private readonly IAccessTokenIssuer _accessTokens = Substitute.For<IAccessTokenIssuer>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly RecordingLogger<RefreshAccessTokenCommandHandler> _logger = new();
    private readonly StaffUser _user = Saved.WithId(new StaffUser(10, "ada@salon.com", "Ada", StaffRole.Staff, Login), 7);

    public RefreshTokenCommandTests()
    {
        _secrets.Hash(Arg.Any<string>()).Returns(call => $"hash:{call.Arg<string>()}");
        _secrets.Create().Returns(("next-value", "hash:next-value"));
        _accessTokens.Issue(Arg.Any<Caller>()).Returns(new AccessToken("access", 900));
        _staff.FindAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);
    }

    [Fact]
    public async Task A_current_token_is_retired_and_its_successor_continues_the_family_until_the_same_end()
    {
        var current = Stored("current");

        var answer = await Handler().Handle(new RefreshAccessTokenCommand("current", ParticipantType.User), CancellationToken.None);

        answer.ShouldBe(new AccessTokenDto("access", 900, "next-value"));
        current.RetiredAt.ShouldBe(_time.GetUtcNow().UtcDateTime);
        _refreshTokens.Received(1).Add(Arg.Is<RefreshToken>(t => t.TokenHash == "hash:next-value" && t.FamilyId == current.FamilyId && t.ExpiresAt == current.ExpiresAt));
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_retired_token_presented_again_revokes_the_family_and_is_logged_as_a_security_warning()
    {
        var current = Stored("stolen");
        current.Rotate("hash:successor", _time.GetUtcNow().UtcDateTime);

        await Should.ThrowAsync<UnauthenticatedException>(() => Handler().Handle(new RefreshAccessTokenCommand("stolen", ParticipantType.User), CancellationToken.None));

        await _refreshTokens.Received(1).RevokeFamilyAsync(current.FamilyId, Arg.Any<DateTime>(), Arg.Any<CancellationToken>());
        var warning = _logger.Entries.ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldContain(current.FamilyId.ToString());
        warning.Message.ShouldNotContain("stolen");
        _accessTokens.DidNotReceiveWithAnyArgs().Issue(default!);
    }

    [Fact]
    public async Task Losing_a_race_with_another_exchange_of_the_same_token_counts_as_a_reuse()
    {
        var current = Stored("raced");
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Throws(new ConflictException("concurrent_change", "changed"));

        await Should.ThrowAsync<UnauthenticatedException>(() => Handler().Handle(new RefreshAccessTokenCommand("raced", ParticipantType.User), CancellationToken.None));

        await _refreshTokens.Received(1).RevokeFamilyAsync(current.FamilyId, Arg.Any<DateTime>(), Arg.Any<CancellationToken>());
        _logger.Entries.ShouldHaveSingleItem().Level.ShouldBe(LogLevel.Warning);
    }

    [Fact]
    public async Task An_unknown_expired_revoked_or_other_kind_of_token_is_refused_alike_without_revoking()
    {
        Stored("expired");
        var revoked = Stored("revoked");
        revoked.Revoke(Login);
        var customers = Stored("customers", ParticipantRef.Customer(3));

        foreach (var (value, kind) in new[] { ("unknown", ParticipantType.User), ("revoked", ParticipantType.User), ("customers", ParticipantType.User) })
        {
            var refused = await Should.ThrowAsync<UnauthenticatedException>(() => Handler().Handle(new RefreshAccessTokenCommand(value, kind), CancellationToken.None));
            refused.Message.ShouldBe("The refresh token is not valid; sign in again.");
        }

        _time.Advance(TimeSpan.FromDays(31));
        await Should.ThrowAsync<UnauthenticatedException>(() => Handler().Handle(new RefreshAccessTokenCommand("expired", ParticipantType.User), CancellationToken.None));

        customers.RetiredAt.ShouldBeNull();
        await _refreshTokens.DidNotReceiveWithAnyArgs().RevokeFamilyAsync(default, default, default);
        _logger.Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_account_that_is_gone_gets_no_new_token_and_its_family_ends()
    {
        var current = Stored("current");
        _staff.FindAsync(_user.Id, Arg.Any<CancellationToken>()).Returns((StaffUser?)null);

        await Should.ThrowAsync<UnauthenticatedException>(() => Handler().Handle(new RefreshAccessTokenCommand("current", ParticipantType.User), CancellationToken.None));

        await _refreshTokens.Received(1).RevokeFamilyAsync(current.FamilyId, Arg.Any<DateTime>(), Arg.Any<CancellationToken>());
        current.RetiredAt.ShouldBeNull();
    }

    [Fact]
    public async Task Logout_revokes_the_family_of_a_known_token_and_ignores_anything_else()
    {
        var current = Stored("current");
        var handler = new RevokeRefreshTokenCommandHandler(_refreshTokens, _secrets, _time);

        await handler.Handle(new RevokeRefreshTokenCommand("current"), CancellationToken.None);
        await handler.Handle(new RevokeRefreshTokenCommand("unknown"), CancellationToken.None);
        await handler.Handle(new RevokeRefreshTokenCommand(""), CancellationToken.None);

        await _refreshTokens.Received(1).RevokeFamilyAsync(current.FamilyId, _time.GetUtcNow().UtcDateTime, Arg.Any<CancellationToken>());
    }

    private RefreshToken Stored(string value, ParticipantRef? participant = null)
    {
        var token = RefreshToken.StartFamily($"hash:{value}", participant ?? ParticipantRef.User(_user.Id), Login, TimeSpan.FromDays(30));
        _refreshTokens.FindAsync($"hash:{value}", Arg.Any<CancellationToken>()).Returns(token);
        return token;
    }

    private RefreshAccessTokenCommandHandler Handler() => new(_refreshTokens, _secrets, _staff, _customers,
        new SignInTokens(_accessTokens, _secrets, _refreshTokens, _unitOfWork, Options.Create(new RefreshTokenOptions()), _time), _time, _logger);
}
