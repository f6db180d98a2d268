using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Common;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Chats.Commands.ManageParticipants;

/// <summary>Adds a staff user of the chat's salon, or a customer, to a chat (or brings back one who was removed).</summary>
[Authorize(Callers.Staff)]
[ChatAccess(ChatAccessLevel.ParticipantOrSalonAdmin)]
public sealed record AddParticipantCommand(long ChatId, ParticipantType ParticipantType, long ParticipantId) : IRequest, IChatScopedRequest;

/// <summary>Removes a participant; their membership row stays (inactive) so history keeps its senders.</summary>
[Authorize(Callers.Staff)]
[ChatAccess(ChatAccessLevel.ParticipantOrSalonAdmin)]
public sealed record RemoveParticipantCommand(long ChatId, ParticipantType ParticipantType, long ParticipantId) : IRequest, IChatScopedRequest;

public sealed class AddParticipantCommandValidator : AbstractValidator<AddParticipantCommand>
{
    public AddParticipantCommandValidator()
    {
        RuleFor(c => c.ParticipantType).IsInEnum();
        RuleFor(c => c.ParticipantId).GreaterThan(0);
    }
}

public sealed class RemoveParticipantCommandValidator : AbstractValidator<RemoveParticipantCommand>
{
    public RemoveParticipantCommandValidator()
    {
        RuleFor(c => c.ParticipantType).IsInEnum();
        RuleFor(c => c.ParticipantId).GreaterThan(0);
    }
}

internal sealed class ParticipantCommandHandlers : IRequestHandler<AddParticipantCommand, Unit>, IRequestHandler<RemoveParticipantCommand, Unit>
{
    private readonly IChatRepository _chats;
    private readonly IStaffUserRepository _staff;
    private readonly ICustomerRepository _customers;
    private readonly IUnitOfWork _unitOfWork;
    private readonly TimeProvider _time;

    public ParticipantCommandHandlers(IChatRepository chats, IStaffUserRepository staff, ICustomerRepository customers, IUnitOfWork unitOfWork, TimeProvider time)
    {
        _chats = chats;
        _staff = staff;
        _customers = customers;
        _unitOfWork = unitOfWork;
        _time = time;
    }

    public async Task<Unit> Handle(AddParticipantCommand request, CancellationToken cancellationToken)
    {
        var chat = await _chats.FindAsync(request.ChatId, cancellationToken) ?? throw new NotFoundException("Chat");

        // Staff from another salon are as unknown here as ids that do not exist.
        var exists = request.ParticipantType == ParticipantType.User
            ? await _staff.FindAsync(request.ParticipantId, cancellationToken) is { IsActive: true } user && user.SalonId == chat.SalonId
            : await _customers.FindAsync(request.ParticipantId, cancellationToken) is { IsActive: true };
        if (!exists)
            throw new RequestValidationException(nameof(request.ParticipantId), "No such participant.");

        chat.AddParticipant(new ParticipantRef(request.ParticipantType, request.ParticipantId), _time.GetUtcNow().UtcDateTime);
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(RemoveParticipantCommand request, CancellationToken cancellationToken)
    {
        var chat = await _chats.FindAsync(request.ChatId, cancellationToken) ?? throw new NotFoundException("Chat");
        chat.RemoveParticipant(new ParticipantRef(request.ParticipantType, request.ParticipantId), _time.GetUtcNow().UtcDateTime);
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
