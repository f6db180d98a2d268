using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;

namespace CleanChat.Application.Accounts;

/// <summary>Creates a staff account with a unique e-mail; shared by staff creation and salon creation.</summary>
internal sealed class StaffAccountCreator
{
    private readonly IStaffUserRepository _staff;
    private readonly IPasswordHasher _hasher;
    private readonly IUnitOfWork _unitOfWork;
    private readonly TimeProvider _time;

    public StaffAccountCreator(IStaffUserRepository staff, IPasswordHasher hasher, IUnitOfWork unitOfWork, TimeProvider time)
    {
        _staff = staff;
        _hasher = hasher;
        _unitOfWork = unitOfWork;
        _time = time;
    }

    /// <summary>Adds the account and commits (with anything else pending in the same unit of work).</summary>
    public async Task<StaffUser> CreateAsync(long salonId, string email, string password, string name, StaffRole role, JobTitle? jobTitle, CancellationToken cancellationToken)
    {
        await EnsureEmailAvailableAsync(email, cancellationToken);

        var user = new StaffUser(salonId, email, name, role, _time.GetUtcNow().UtcDateTime, jobTitle);
        user.SetPasswordHash(_hasher.Hash(password));
        _staff.Add(user);
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return user;
    }

    public async Task EnsureEmailAvailableAsync(string email, CancellationToken cancellationToken)
    {
        if (await _staff.FindByEmailAsync(email, cancellationToken) is not null)
            throw new ConflictException("email_taken", "A staff account with this e-mail already exists.");
    }
}
