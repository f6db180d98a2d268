using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Accounts;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Accounts.Commands.LoginStaff;

/// <summary>Staff sign in with e-mail (<c>username</c>) and password.</summary>
[AllowAnonymous]
public sealed record LoginStaffCommand(string Username, string Password) : IRequest<AccessTokenDto>;

public sealed class LoginStaffCommandValidator : AbstractValidator<LoginStaffCommand>
{
    public LoginStaffCommandValidator()
    {
        RuleFor(c => c.Username).NotEmpty().MaximumLength(StaffUser.MaxEmailLength);
        RuleFor(c => c.Password).NotEmpty().MaximumLength(CredentialRules.MaxPasswordLength);
    }
}

internal sealed class LoginStaffCommandHandler : IRequestHandler<LoginStaffCommand, AccessTokenDto>
{
    private readonly IStaffUserRepository _staff;
    private readonly PasswordVerifier _verifier;
    private readonly IPasswordHasher _hasher;
    private readonly IAccessTokenIssuer _tokens;
    private readonly IUnitOfWork _unitOfWork;

    public LoginStaffCommandHandler(IStaffUserRepository staff, PasswordVerifier verifier, IPasswordHasher hasher, IAccessTokenIssuer tokens, IUnitOfWork unitOfWork)
    {
        _staff = staff;
        _verifier = verifier;
        _hasher = hasher;
        _tokens = tokens;
        _unitOfWork = unitOfWork;
    }

    public async Task<AccessTokenDto> Handle(LoginStaffCommand request, CancellationToken cancellationToken)
    {
        var email = StaffUser.NormalizeEmail(request.Username);
        _verifier.ThrottleOrThrow($"staff:{email}");

        var user = await _staff.FindByEmailAsync(email, cancellationToken);
        if (_verifier.VerifyOrThrow(user?.PasswordHash, user?.IsActive == true, request.Password))
        {
            user!.SetPasswordHash(_hasher.Hash(request.Password));
            await _unitOfWork.SaveChangesAsync(cancellationToken);
        }

        var token = _tokens.Issue(new Caller(user!.AsParticipant, user.SalonId, user.Role, user.DisplayName));
        return new AccessTokenDto(token.Token, token.ExpiresInSeconds);
    }
}
