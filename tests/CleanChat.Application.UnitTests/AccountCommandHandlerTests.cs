using CleanChat.Application.Accounts;
using CleanChat.Application.Accounts.Commands.LoginStaff;
using CleanChat.Application.Accounts.Commands.RegisterCustomer;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanChat.Application.UnitTests;

public class AccountCommandHandlerTests
{
    private readonly IStaffUserRepository _staff = Substitute.For<IStaffUserRepository>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly ILoginRateLimiter _rateLimiter = Substitute.For<ILoginRateLimiter>();
    private readonly IAccessTokenIssuer _tokens = Substitute.For<IAccessTokenIssuer>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ISessionTokens _secrets = Substitute.For<ISessionTokens>();
    private readonly IRefreshTokenRepository _refreshTokens = Substitute.For<IRefreshTokenRepository>();
    private readonly StaffUser _user = Saved.WithId(new StaffUser(10, "Ada@Salon.com", "Ada", StaffRole.Admin, DateTime.UtcNow), 5);

    public AccountCommandHandlerTests()
    {
        _user.SetPasswordHash("stored-hash");
        _staff.FindByEmailAsync("ada@salon.com", Arg.Any<CancellationToken>()).Returns(_user);
        _hasher.Hash(Arg.Any<string>()).Returns(call => $"hash-of-{call.Arg<string>()}");
        _tokens.Issue(Arg.Any<Caller>()).Returns(new AccessToken("signed", 3600));
        _secrets.Create().Returns(("refresh-value", "refresh-hash"));
    }

    [Fact]
    public async Task Login_with_the_right_password_issues_a_token_describing_the_user()
    {
        _hasher.Verify("stored-hash", "secret-pass").Returns(PasswordCheck.Succeeded);

        var token = await Handler().Handle(new LoginStaffCommand(" ADA@salon.com ", "secret-pass"), CancellationToken.None);

        token.ShouldBe(new AccessTokenDto("signed", 3600, "refresh-value"));
        _tokens.Received(1).Issue(Arg.Is<Caller>(c => c.Participant == ParticipantRef.User(_user.Id) && c.SalonId == 10 && c.Role == StaffRole.Admin && c.DisplayName == "Ada"));
        _rateLimiter.Received(1).TryAcquire("staff:ada@salon.com");

        // Only the refresh token's hash is stored, in a family of its own.
        _refreshTokens.Received(1).Add(Arg.Is<RefreshToken>(t => t.TokenHash == "refresh-hash" && t.Participant == ParticipantRef.User(_user.Id) && t.RetiredAt == null));
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Login_with_an_outdated_hash_stores_a_fresh_one()
    {
        _hasher.Verify("stored-hash", "secret-pass").Returns(PasswordCheck.SucceededRehashNeeded);

        await Handler().Handle(new LoginStaffCommand("ada@salon.com", "secret-pass"), CancellationToken.None);

        _user.PasswordHash.ShouldBe("hash-of-secret-pass");
        await _unitOfWork.Received(2).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Login_with_a_wrong_password_is_unauthenticated_and_issues_nothing()
    {
        _hasher.Verify("stored-hash", "guess").Returns(PasswordCheck.Failed);

        await Should.ThrowAsync<UnauthenticatedException>(() => Handler().Handle(new LoginStaffCommand("ada@salon.com", "guess"), CancellationToken.None));

        _tokens.DidNotReceiveWithAnyArgs().Issue(default!);
        _refreshTokens.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Login_for_an_unknown_account_still_checks_a_hash_so_timing_reveals_nothing()
    {
        await Should.ThrowAsync<UnauthenticatedException>(() => Handler().Handle(new LoginStaffCommand("ghost@salon.com", "guess"), CancellationToken.None));

        _hasher.Received(1).Verify(Arg.Any<string>(), "guess");
    }

    [Fact]
    public async Task Login_over_the_account_limit_is_refused_before_the_password_is_checked()
    {
        _rateLimiter.TryAcquire("staff:ada@salon.com").Returns(TimeSpan.FromSeconds(42));

        var failure = await Should.ThrowAsync<TooManyAttemptsException>(() => Handler().Handle(new LoginStaffCommand("ada@salon.com", "secret-pass"), CancellationToken.None));

        failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(42));
        _hasher.DidNotReceiveWithAnyArgs().Verify(default!, default!);
    }

    [Fact]
    public async Task Register_with_a_taken_phone_number_is_a_conflict_and_adds_nothing()
    {
        var customers = Substitute.For<ICustomerRepository>();
        var taken = new Customer("+1234567890", null, null, DateTime.UtcNow);
        taken.SetPasswordHash("someone's-hash");
        customers.FindByPhoneAsync("+1234567890", Arg.Any<CancellationToken>()).Returns(taken);
        var handler = new RegisterCustomerCommandHandler(customers, _hasher, _unitOfWork, new FakeTimeProvider());

        var failure = await Should.ThrowAsync<ConflictException>(() => handler.Handle(new RegisterCustomerCommand("+1234567890", "long-password", null, null), CancellationToken.None));

        failure.Code.ShouldBe("phone_number_taken");
        customers.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Registering_the_phone_of_an_account_a_hotel_created_takes_that_account_over()
    {
        var customers = Substitute.For<ICustomerRepository>();
        var guest = new Customer("+1234567890", "Guest of room 204", null, DateTime.UtcNow);
        customers.FindByPhoneAsync("+1234567890", Arg.Any<CancellationToken>()).Returns(guest);
        var handler = new RegisterCustomerCommandHandler(customers, _hasher, _unitOfWork, new FakeTimeProvider());

        var registered = await handler.Handle(new RegisterCustomerCommand("+1234567890", "long-password", "Gina", "Gina@Example.com"), CancellationToken.None);

        guest.PasswordHash.ShouldBe("hash-of-long-password");
        registered.Name.ShouldBe("Gina");
        registered.Email.ShouldBe("gina@example.com");
        customers.DidNotReceiveWithAnyArgs().Add(default!);
        await Should.ThrowAsync<ConflictException>(() => handler.Handle(new RegisterCustomerCommand("+1234567890", "another-password", null, null), CancellationToken.None));
        guest.PasswordHash.ShouldBe("hash-of-long-password");
    }

    [Fact]
    public async Task Register_stores_only_the_hash_of_the_password()
    {
        var customers = Substitute.For<ICustomerRepository>();
        var handler = new RegisterCustomerCommandHandler(customers, _hasher, _unitOfWork, new FakeTimeProvider());

        await handler.Handle(new RegisterCustomerCommand("+1234567890", "long-password", "Rita", null), CancellationToken.None);

        customers.Received(1).Add(Arg.Is<Customer>(c => c.PasswordHash == "hash-of-long-password" && c.DisplayName == "Rita"));
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    private LoginStaffCommandHandler Handler() =>
        new(SignIn(), new SignInTokens(_tokens, _secrets, _refreshTokens, _unitOfWork, Microsoft.Extensions.Options.Options.Create(new RefreshTokenOptions()), new FakeTimeProvider(DateTimeOffset.UtcNow)));

    private AccountSignIn SignIn() =>
        new(_staff, Substitute.For<ICustomerRepository>(), new PasswordVerifier(_hasher, _rateLimiter), _hasher, _unitOfWork);
}
