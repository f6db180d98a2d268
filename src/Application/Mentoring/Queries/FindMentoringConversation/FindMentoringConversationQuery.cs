using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Mentoring.Queries.FindMentoringConversation;

/// <summary>
/// Where the calling student's mentoring conversation stands, without opening it: whether they have a
/// mentor (the most recently assigned, as <c>OpenMentoringConversationCommand</c> picks), and the
/// conversation's id once it exists.
/// </summary>
[Authorize(Callers.Customer)]
public sealed record FindMentoringConversationQuery : IRequest<MentoringConversationRef>;

public sealed record MentoringConversationRef(bool HasMentor, long? ChatId);

internal sealed class FindMentoringConversationQueryHandler : IRequestHandler<FindMentoringConversationQuery, MentoringConversationRef>
{
    private readonly IChatReadModel _read;
    private readonly ICurrentCaller _currentCaller;

    public FindMentoringConversationQueryHandler(IChatReadModel read, ICurrentCaller currentCaller)
    {
        _read = read;
        _currentCaller = currentCaller;
    }

    public async Task<MentoringConversationRef> Handle(FindMentoringConversationQuery request, CancellationToken cancellationToken)
    {
        var studentId = _currentCaller.Required().Participant.Id;
        var salonId = await _read.Mentorships.Where(m => m.StudentId == studentId)
            .OrderByDescending(m => m.AssignedAt).ThenByDescending(m => m.Id)
            .Select(m => (long?)m.SalonId).FirstOrDefaultAsync(cancellationToken);
        if (salonId is not { } school)
            return new MentoringConversationRef(false, null);

        var key = Chat.MentoringKeyOf(school, studentId);
        var chatId = await _read.Chats.Where(c => c.UniqueKey == key).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return new MentoringConversationRef(true, chatId);
    }
}
