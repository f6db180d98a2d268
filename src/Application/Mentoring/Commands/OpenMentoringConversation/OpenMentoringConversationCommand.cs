using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;
using MediatR;

namespace CleanChat.Application.Mentoring.Commands.OpenMentoringConversation;

/// <summary>
/// A student opens the conversation with their mentor: the existing one, or a new one when they have
/// never talked. Answers the chat's id, or null when no school has given the student a mentor. A
/// student mentored at several schools talks with the most recently assigned mentor.
/// </summary>
[Authorize(Callers.Customer)]
public sealed record OpenMentoringConversationCommand : IRequest<long?>;

internal sealed class OpenMentoringConversationCommandHandler : IRequestHandler<OpenMentoringConversationCommand, long?>
{
    private readonly IMentorshipRepository _mentorships;
    private readonly IChatRepository _chats;
    private readonly IUnitOfWork _unitOfWork;
    private readonly ICurrentCaller _currentCaller;
    private readonly TimeProvider _time;

    public OpenMentoringConversationCommandHandler(IMentorshipRepository mentorships, IChatRepository chats, IUnitOfWork unitOfWork, ICurrentCaller currentCaller, TimeProvider time)
    {
        _mentorships = mentorships;
        _chats = chats;
        _unitOfWork = unitOfWork;
        _currentCaller = currentCaller;
        _time = time;
    }

    public async Task<long?> Handle(OpenMentoringConversationCommand request, CancellationToken cancellationToken)
    {
        var student = _currentCaller.Required().Participant;
        if (await _mentorships.FindLatestOfStudentAsync(student.Id, cancellationToken) is not { } mentorship)
            return null;

        if (await _chats.FindChatIdByKeyAsync(mentorship.ConversationKey, cancellationToken) is { } existing)
            return existing;

        try
        {
            var chat = Chat.StartMentoring(mentorship.SalonId, student, mentorship.Mentor, _time.GetUtcNow().UtcDateTime);
            _chats.Add(chat);
            await _unitOfWork.SaveChangesAsync(cancellationToken);
            return chat.Id;
        }
        catch (ConflictException)
        {
            // Two of the student's tabs opened it at once: the first one's conversation it is.
            return await _chats.FindChatIdByKeyAsync(mentorship.ConversationKey, cancellationToken)
                ?? throw new InvalidOperationException("A mentoring conversation clashed on its key but cannot be found.");
        }
    }
}
