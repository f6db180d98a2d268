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
    private readonly AccountSignIn _signIn;
    private readonly SignInTokens _tokens;

    public LoginStaffCommandHandler(AccountSignIn signIn, SignInTokens tokens)
    {
        _signIn = signIn;
        _tokens = tokens;
    }

    public async Task<AccessTokenDto> Handle(LoginStaffCommand request, CancellationToken cancellationToken)
    {
        var caller = await _signIn.StaffAsync(request.Username, request.Password, cancellationToken);
        return await _tokens.ForLoginAsync(caller, cancellationToken);
    }
}
