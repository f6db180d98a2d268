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
    private readonly ICustomerRepository _customers;
    private readonly PasswordVerifier _verifier;
    private readonly IPasswordHasher _hasher;
    private readonly IAccessTokenIssuer _tokens;
    private readonly IUnitOfWork _unitOfWork;

    public LoginCustomerCommandHandler(ICustomerRepository customers, PasswordVerifier verifier, IPasswordHasher hasher, IAccessTokenIssuer tokens, IUnitOfWork unitOfWork)
    {
        _customers = customers;
        _verifier = verifier;
        _hasher = hasher;
        _tokens = tokens;
        _unitOfWork = unitOfWork;
    }

    public async Task<AccessTokenDto> Handle(LoginCustomerCommand request, CancellationToken cancellationToken)
    {
        var phone = request.PhoneNumber.Trim();
        _verifier.ThrottleOrThrow($"customer:{phone}");

        var customer = await _customers.FindByPhoneAsync(phone, cancellationToken);
        if (_verifier.VerifyOrThrow(customer?.PasswordHash, customer?.IsActive == true, request.Password))
        {
            customer!.SetPasswordHash(_hasher.Hash(request.Password));
            await _unitOfWork.SaveChangesAsync(cancellationToken);
        }

        var token = _tokens.Issue(new Caller(customer!.AsParticipant, null, null, customer.DisplayName ?? customer.PhoneNumber));
        return new AccessTokenDto(token.Token, token.ExpiresInSeconds);
    }
}
