using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Accounts;

namespace CleanChat.Application.Accounts;

/// <summary>
/// Checks a staff user's or a customer's credentials and answers who they are; every way of signing in
/// (an access token, a browser session) goes through here, so the throttling and the checks are one.
/// </summary>
internal sealed class AccountSignIn
{
    private readonly IStaffUserRepository _staff;
    private readonly ICustomerRepository _customers;
    private readonly PasswordVerifier _verifier;
    private readonly IPasswordHasher _hasher;
    private readonly IUnitOfWork _unitOfWork;

    public AccountSignIn(IStaffUserRepository staff, ICustomerRepository customers, PasswordVerifier verifier, IPasswordHasher hasher, IUnitOfWork unitOfWork)
    {
        _staff = staff;
        _customers = customers;
        _verifier = verifier;
        _hasher = hasher;
        _unitOfWork = unitOfWork;
    }

    /// <summary>Staff sign in with their e-mail as user name.</summary>
    public async Task<Caller> StaffAsync(string username, string password, CancellationToken cancellationToken)
    {
        var email = StaffUser.NormalizeEmail(username);
        _verifier.ThrottleOrThrow($"staff:{email}");

        var user = await _staff.FindByEmailAsync(email, cancellationToken);
        if (_verifier.VerifyOrThrow(user?.PasswordHash, user?.IsActive == true, password))
        {
            user!.SetPasswordHash(_hasher.Hash(password));
            await _unitOfWork.SaveChangesAsync(cancellationToken);
        }

        return AccountCallers.Of(user!);
    }

    public async Task<Caller> CustomerAsync(string phoneNumber, string password, CancellationToken cancellationToken)
    {
        var phone = phoneNumber.Trim();
        _verifier.ThrottleOrThrow($"customer:{phone}");

        var customer = await _customers.FindByPhoneAsync(phone, cancellationToken);
        if (_verifier.VerifyOrThrow(customer?.PasswordHash, customer?.IsActive == true, password))
        {
            customer!.SetPasswordHash(_hasher.Hash(password));
            await _unitOfWork.SaveChangesAsync(cancellationToken);
        }

        return AccountCallers.Of(customer!);
    }
}
