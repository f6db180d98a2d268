using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Mentoring.Commands.UnassignMentor;

/// <summary>
/// A school's admin takes a student's mentor away. The mentor leaves the student's conversation (which
/// stays, with its history, for whoever mentors the student next); the student has no mentor until then.
/// </summary>
[Authorize(Callers.SalonAdmin)]
public sealed record UnassignMentorCommand(long CustomerId) : IRequest<Unit>;

public sealed class UnassignMentorCommandValidator : AbstractValidator<UnassignMentorCommand>
{
    public UnassignMentorCommandValidator() => RuleFor(c => c.CustomerId).GreaterThan(0);
}

internal sealed class UnassignMentorCommandHandler : IRequestHandler<UnassignMentorCommand, Unit>
{
    private readonly IMentorshipRepository _mentorships;
    private readonly IChatRepository _chats;
    private readonly IUnitOfWork _unitOfWork;
    private readonly ICurrentCaller _currentCaller;
    private readonly TimeProvider _time;

    public UnassignMentorCommandHandler(IMentorshipRepository mentorships, IChatRepository chats, IUnitOfWork unitOfWork, ICurrentCaller currentCaller, TimeProvider time)
    {
        _mentorships = mentorships;
        _chats = chats;
        _unitOfWork = unitOfWork;
        _currentCaller = currentCaller;
        _time = time;
    }

    public async Task<Unit> Handle(UnassignMentorCommand request, CancellationToken cancellationToken)
    {
        var salonId = _currentCaller.Required().SalonId ?? throw new ForbiddenException();
        var mentorship = await _mentorships.FindAsync(salonId, request.CustomerId, cancellationToken) ?? throw new NotFoundException("Mentor");

        if (await _chats.FindByKeyAsync(mentorship.ConversationKey, cancellationToken) is { } chat && chat.IsActiveParticipant(mentorship.Mentor))
        {
            chat.RemoveParticipant(mentorship.Mentor, _time.GetUtcNow().UtcDateTime);
        }

        _mentorships.Remove(mentorship);
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
