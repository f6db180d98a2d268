using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Mentoring;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Mentoring.Commands.AssignMentor;

/// <summary>
/// A school's admin gives a student a mentor from the school's teachers and trainers, or another one.
/// On a change the student's conversation moves to the new mentor, history and all, and the one replaced
/// loses access to it, in the same transaction.
/// </summary>
[Authorize(Callers.SalonAdmin)]
public sealed record AssignMentorCommand(long CustomerId, long UserId) : IRequest<MentorAssignmentDto>;

public sealed class AssignMentorCommandValidator : AbstractValidator<AssignMentorCommand>
{
    public AssignMentorCommandValidator()
    {
        RuleFor(c => c.CustomerId).GreaterThan(0);
        RuleFor(c => c.UserId).GreaterThan(0);
    }
}

internal sealed class AssignMentorCommandHandler : IRequestHandler<AssignMentorCommand, MentorAssignmentDto>
{
    private readonly IMentorshipRepository _mentorships;
    private readonly IStaffUserRepository _staff;
    private readonly ICustomerRepository _customers;
    private readonly IChatRepository _chats;
    private readonly IUnitOfWork _unitOfWork;
    private readonly ICurrentCaller _currentCaller;
    private readonly TimeProvider _time;

    public AssignMentorCommandHandler(IMentorshipRepository mentorships, IStaffUserRepository staff, ICustomerRepository customers, IChatRepository chats,
        IUnitOfWork unitOfWork, ICurrentCaller currentCaller, TimeProvider time)
    {
        _mentorships = mentorships;
        _staff = staff;
        _customers = customers;
        _chats = chats;
        _unitOfWork = unitOfWork;
        _currentCaller = currentCaller;
        _time = time;
    }

    public async Task<MentorAssignmentDto> Handle(AssignMentorCommand request, CancellationToken cancellationToken)
    {
        var salonId = _currentCaller.Required().SalonId ?? throw new ForbiddenException();
        var now = _time.GetUtcNow().UtcDateTime;

        // Staff of another school are as unknown here as ids that do not exist.
        var mentor = await _staff.FindAsync(request.UserId, cancellationToken);
        if (mentor is null || mentor.SalonId != salonId)
            throw new NotFoundException("Teacher");
        if (!mentor.CanMentor)
            throw new RequestValidationException("user_id", "Only an active teacher or trainer of the school can mentor students.");

        var student = await _customers.FindAsync(request.CustomerId, cancellationToken);
        if (student is not { IsActive: true })
            throw new NotFoundException("Student");

        var mentorship = await _mentorships.FindAsync(salonId, student.Id, cancellationToken);
        if (mentorship is null)
        {
            mentorship = Mentorship.Assign(salonId, student, mentor, now);
            _mentorships.Add(mentorship);
            await HandOverConversationAsync(mentorship, from: null, cancellationToken);
        }
        else
        {
            var previous = mentorship.Reassign(mentor, now);
            await HandOverConversationAsync(mentorship, previous, cancellationToken);
        }

        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return new MentorAssignmentDto(student.Id, new MentorDto(mentor.Id, mentor.DisplayName, mentor.JobTitle));
    }

    // The conversation exists once the student has opened it; until then there is nothing to move.
    private async Task HandOverConversationAsync(Mentorship mentorship, Domain.Common.ParticipantRef? from, CancellationToken cancellationToken)
    {
        if (await _chats.FindByKeyAsync(mentorship.ConversationKey, cancellationToken) is not { } chat)
            return;

        var now = _time.GetUtcNow().UtcDateTime;
        if (from is { } previous)
            chat.HandOver(previous, mentorship.Mentor, now);
        else if (!chat.IsActiveParticipant(mentorship.Mentor))
            chat.AddParticipant(mentorship.Mentor, now);
    }
}
