using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Accounts.Commands.LoginCustomer;

/// <summary>Customers sign in with phone number and password.</summary>
[AllowAnonymous]
public sealed record LoginCustomerCommand(string PhoneNumber, string Password) : IRequest<AccessTokenDto>;

public sealed class LoginCustomerCommandValidator : AbstractValidator<LoginCustomerCommand>
{
    public LoginCustomerCommandValidator()
    {
        RuleFor(c => c.PhoneNumber).NotEmpty().MaximumLength(Domain.Accounts.Customer.MaxPhoneLength);
        RuleFor(c => c.Password).NotEmpty().MaximumLength(CredentialRules.MaxPasswordLength);
    }
}

internal sealed class LoginCustomerCommandHandler : IRequestHandler<LoginCustomerCommand, AccessTokenDto>
{
    private readonly AccountSignIn _signIn;
    private readonly SignInTokens _tokens;

    public LoginCustomerCommandHandler(AccountSignIn signIn, SignInTokens tokens)
    {
        _signIn = signIn;
        _tokens = tokens;
    }

    public async Task<AccessTokenDto> Handle(LoginCustomerCommand request, CancellationToken cancellationToken)
    {
        var caller = await _signIn.CustomerAsync(request.PhoneNumber, request.Password, cancellationToken);
        return await _tokens.ForLoginAsync(caller, cancellationToken);
    }
}
