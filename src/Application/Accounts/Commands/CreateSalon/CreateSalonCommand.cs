using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Accounts.Commands.CreateSalon;

/// <summary>Creates a salon with its first admin. Only the service's command-line verb may send it.</summary>
[Authorize(Callers.System)]
public sealed record CreateSalonCommand(string Name, string AdminEmail, string AdminPassword, string AdminName) : IRequest<SalonDto>;

public sealed class CreateSalonCommandValidator : AbstractValidator<CreateSalonCommand>
{
    public CreateSalonCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Salon.MaxNameLength);
        RuleFor(c => c.AdminEmail).NotEmpty().EmailAddress().MaximumLength(StaffUser.MaxEmailLength);
        RuleFor(c => c.AdminPassword).NewPassword();
        RuleFor(c => c.AdminName).NotEmpty().MaximumLength(StaffUser.MaxNameLength);
    }
}

internal sealed class CreateSalonCommandHandler : IRequestHandler<CreateSalonCommand, SalonDto>
{
    private readonly ISalonRepository _salons;
    private readonly IUnitOfWork _unitOfWork;
    private readonly StaffAccountCreator _creator;
    private readonly TimeProvider _time;

    public CreateSalonCommandHandler(ISalonRepository salons, IUnitOfWork unitOfWork, StaffAccountCreator creator, TimeProvider time)
    {
        _salons = salons;
        _unitOfWork = unitOfWork;
        _creator = creator;
        _time = time;
    }

    public async Task<SalonDto> Handle(CreateSalonCommand request, CancellationToken cancellationToken)
    {
        // Checked first, so a taken e-mail does not leave a salon without an admin behind.
        await _creator.EnsureEmailAvailableAsync(request.AdminEmail, cancellationToken);

        var salon = new Salon(request.Name, _time.GetUtcNow().UtcDateTime);
        _salons.Add(salon);
        await _unitOfWork.SaveChangesAsync(cancellationToken);

        var admin = await _creator.CreateAsync(salon.Id, request.AdminEmail, request.AdminPassword, request.AdminName, StaffRole.Admin, jobTitle: null, cancellationToken);
        return new SalonDto(salon.Id, salon.Name, admin.ToDto());
    }
}
