using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Accounts.Commands.CreateStaffUser;

/// <summary>A salon admin adds a staff user (or another admin) to their own salon, with a job title where the business has them.</summary>
[Authorize(Callers.SalonAdmin)]
public sealed record CreateStaffUserCommand(string Email, string Password, string Name, StaffRole Role = StaffRole.Staff, JobTitle? JobTitle = null) : IRequest<StaffUserDto>;

public sealed class CreateStaffUserCommandValidator : AbstractValidator<CreateStaffUserCommand>
{
    public CreateStaffUserCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(StaffUser.MaxEmailLength);
        RuleFor(c => c.Password).NewPassword();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(StaffUser.MaxNameLength);
        RuleFor(c => c.Role).IsInEnum();
        RuleFor(c => c.JobTitle).IsInEnum();
    }
}

internal sealed class CreateStaffUserCommandHandler : IRequestHandler<CreateStaffUserCommand, StaffUserDto>
{
    private readonly StaffAccountCreator _creator;
    private readonly ICurrentCaller _currentCaller;

    public CreateStaffUserCommandHandler(StaffAccountCreator creator, ICurrentCaller currentCaller)
    {
        _creator = creator;
        _currentCaller = currentCaller;
    }

    public async Task<StaffUserDto> Handle(CreateStaffUserCommand request, CancellationToken cancellationToken)
    {
        // The salon comes from the admin's token, never from the body.
        var salonId = _currentCaller.Required().SalonId ?? throw new ForbiddenException();
        var user = await _creator.CreateAsync(salonId, request.Email, request.Password, request.Name, request.Role, request.JobTitle, cancellationToken);
        return user.ToDto();
    }
}
