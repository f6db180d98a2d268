using CleanChat.Application.Accounts;
using CleanChat.Application.Accounts.Commands.EndSession;
using CleanChat.Application.Accounts.Commands.StartSession;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanChat.Application.UnitTests;

public class SessionCommandTests
{
    private readonly ICustomerRepository _customers = Substitute.For<ICustomerRepository>();
    private readonly ILoginSessionRepository _sessions = Substitute.For<ILoginSessionRepository>();
    private readonly ISessionTokens _tokens = Substitute.For<ISessionTokens>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ISessionSockets _sockets = Substitute.For<ISessionSockets>();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly Customer _customer = Saved.WithId(new Customer("+15550001111", "Stu", null, DateTime.UtcNow), 123);

    public SessionCommandTests()
    {
        _customer.SetPasswordHash("stored");
        _customers.FindByPhoneAsync("+15550001111", Arg.Any<CancellationToken>()).Returns(_customer);
        _hasher.Verify("stored", "right-password").Returns(PasswordCheck.Succeeded);
        _hasher.Verify(Arg.Any<string>(), "wrong").Returns(PasswordCheck.Failed);
        _tokens.Create().Returns(("new-token", "new-hash"));
        _tokens.Hash(Arg.Any<string>()).Returns(call => $"hash:{call.Arg<string>()}");
    }

    [Fact]
    public async Task A_session_login_stores_only_the_hash_and_lasts_the_configured_maximum_age()
    {
        var started = await StartHandler().Handle(new StartCustomerSessionCommand("+15550001111", "right-password"), CancellationToken.None);

        started.Token.ShouldBe("new-token");
        started.Session.ShouldBe(new SessionDto(ParticipantType.Customer, 123, "Stu", _time.GetUtcNow().UtcDateTime.AddHours(24)));
        _sessions.Received(1).Add(Arg.Is<LoginSession>(s => s.TokenHash == "new-hash" && s.Participant == ParticipantRef.Customer(123)));
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_login_over_an_existing_session_ends_it()
    {
        var previous = new LoginSession("hash:old-token", ParticipantRef.Customer(123), DateTime.UtcNow, TimeSpan.FromHours(1));
        _sessions.FindAsync("hash:old-token", Arg.Any<CancellationToken>()).Returns(previous);

        await StartHandler().Handle(new StartCustomerSessionCommand("+15550001111", "right-password", "old-token"), CancellationToken.None);

        previous.EndedAt.ShouldBe(_time.GetUtcNow().UtcDateTime);
        _sockets.Received(1).CloseAll(ParticipantRef.Customer(123), previous.Id);
    }

    [Fact]
    public async Task A_wrong_password_starts_no_session()
    {
        await Should.ThrowAsync<UnauthenticatedException>(() => StartHandler().Handle(new StartCustomerSessionCommand("+15550001111", "wrong"), CancellationToken.None));

        _sessions.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Logout_ends_the_named_session_and_an_unknown_one_changes_nothing()
    {
        var session = new LoginSession("hash:cookie", ParticipantRef.Customer(123), DateTime.UtcNow, TimeSpan.FromHours(1));
        _sessions.FindAsync("hash:cookie", Arg.Any<CancellationToken>()).Returns(session);
        var handler = new EndSessionCommandHandler(_sessions, _tokens, _unitOfWork, _sockets, _time);

        await handler.Handle(new EndSessionCommand("unknown"), CancellationToken.None);
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);

        _sockets.DidNotReceiveWithAnyArgs().CloseAll(default, default);

        await handler.Handle(new EndSessionCommand("cookie"), CancellationToken.None);
        session.EndedAt.ShouldNotBeNull();
        _sockets.Received(1).CloseAll(ParticipantRef.Customer(123), session.Id);
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    private StartSessionCommandHandlers StartHandler()
    {
        var signIn = new AccountSignIn(Substitute.For<IStaffUserRepository>(), _customers, new PasswordVerifier(_hasher, Substitute.For<ILoginRateLimiter>()), _hasher, _unitOfWork);
        return new StartSessionCommandHandlers(signIn, _sessions, _tokens, _unitOfWork, _sockets, Options.Create(new SessionOptions { MaxAgeHours = 24 }), _time);
    }
}
