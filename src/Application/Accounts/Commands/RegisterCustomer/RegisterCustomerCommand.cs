using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Accounts;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Accounts.Commands.RegisterCustomer;

[AllowAnonymous]
public sealed record RegisterCustomerCommand(string PhoneNumber, string Password, string? Name, string? Email) : IRequest<CustomerDto>;

public sealed class RegisterCustomerCommandValidator : AbstractValidator<RegisterCustomerCommand>
{
    public RegisterCustomerCommandValidator()
    {
        RuleFor(c => c.PhoneNumber).PhoneNumber();
        RuleFor(c => c.Password).NewPassword();
        RuleFor(c => c.Name).MaximumLength(Customer.MaxNameLength);
        RuleFor(c => c.Email).EmailAddress().MaximumLength(StaffUser.MaxEmailLength).When(c => !string.IsNullOrEmpty(c.Email));
    }
}

internal sealed class RegisterCustomerCommandHandler : IRequestHandler<RegisterCustomerCommand, CustomerDto>
{
    private readonly ICustomerRepository _customers;
    private readonly IPasswordHasher _hasher;
    private readonly IUnitOfWork _unitOfWork;
    private readonly TimeProvider _time;

    public RegisterCustomerCommandHandler(ICustomerRepository customers, IPasswordHasher hasher, IUnitOfWork unitOfWork, TimeProvider time)
    {
        _customers = customers;
        _hasher = hasher;
        _unitOfWork = unitOfWork;
        _time = time;
    }

    public async Task<CustomerDto> Handle(RegisterCustomerCommand request, CancellationToken cancellationToken)
    {
        if (await _customers.FindByPhoneAsync(request.PhoneNumber, cancellationToken) is { } existing)
        {
            // A hotel created this guest with their stay; signing up is how they take the account over.
            // Phone numbers are not verified anywhere in the service, so this trusts the number exactly as
            // registering a new account does.
            if (!existing.IsUnclaimed)
                throw new ConflictException("phone_number_taken", "An account with this phone number already exists.");
            existing.Claim(_hasher.Hash(request.Password), request.Name, request.Email);
            await _unitOfWork.SaveChangesAsync(cancellationToken);
            return existing.ToDto();
        }

        var customer = new Customer(request.PhoneNumber, request.Name, request.Email, _time.GetUtcNow().UtcDateTime);
        customer.SetPasswordHash(_hasher.Hash(request.Password));
        _customers.Add(customer);
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return customer.ToDto();
    }
}
