using CleanChat.Application.Chats;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Application.Messages;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Mentoring.Queries.ListMentoringConversations;

/// <summary>
/// A teacher's or trainer's conversations with students: the chats with a customer they take part in
/// themselves (an admin's oversight of the whole school is not "their" conversations), most recently
/// active first, each with its student and latest message described in full.
/// </summary>
[Authorize(Callers.Staff)]
public sealed record ListMentoringConversationsQuery(int Limit = ListMentoringConversationsQuery.MaxConversations) : IRequest<IReadOnlyList<MentoringConversationDto>>
{
    /// <summary>The list is one array without paging in the seed's API; this bounds it.</summary>
    public const int MaxConversations = 500;
}

/// <param name="Student">The customer of the chat (the first one, should a chat have several).</param>
/// <param name="Profiles">The student and the latest message's sender.</param>
public sealed record MentoringConversationDto(ChatDto Chat, ParticipantProfile Student, MessageDto? LastMessage, IReadOnlyDictionary<ParticipantRef, ParticipantProfile> Profiles);

public sealed class ListMentoringConversationsQueryValidator : AbstractValidator<ListMentoringConversationsQuery>
{
    public ListMentoringConversationsQueryValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, ListMentoringConversationsQuery.MaxConversations);
}

internal sealed class ListMentoringConversationsQueryHandler : IRequestHandler<ListMentoringConversationsQuery, IReadOnlyList<MentoringConversationDto>>
{
    private readonly IChatReadModel _read;
    private readonly IParticipantProfiles _profiles;
    private readonly IPresenceTracker _presence;
    private readonly ICurrentCaller _currentCaller;

    public ListMentoringConversationsQueryHandler(IChatReadModel read, IParticipantProfiles profiles, IPresenceTracker presence, ICurrentCaller currentCaller)
    {
        _read = read;
        _profiles = profiles;
        _presence = presence;
        _currentCaller = currentCaller;
    }

    public async Task<IReadOnlyList<MentoringConversationDto>> Handle(ListMentoringConversationsQuery request, CancellationToken cancellationToken)
    {
        var caller = _currentCaller.Required();
        var me = caller.Participant;
        var participants = _read.Participants; // a local, so EF reads it as a value (see ChatProjection)
        var chats = _read.Chats
            .Where(c => c.Type == ChatType.UserCustomer
                && participants.Any(p => p.ChatId == c.Id && p.IsActive && p.ParticipantType == me.Type && p.ParticipantId == me.Id))
            .OrderByDescending(c => c.LastMessageAt ?? c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(request.Limit);
        var found = await PeerChatReader.ReadAsync(_read, chats, caller, _presence, cancellationToken);

        var students = found.ToDictionary(f => f.Chat.Id, f => f.Chat.Participants
            .Where(p => p.ParticipantType == ParticipantType.Customer)
            .Select(p => new ParticipantRef(p.ParticipantType, p.ParticipantId)).FirstOrDefault());
        var wanted = students.Values.Where(s => s.Id != 0)
            .Concat(found.Where(f => f.LastMessage is not null).Select(f => f.LastMessage!.Sender()))
            .ToList();
        var profiles = await _profiles.GetManyAsync(wanted, cancellationToken);

        return found
            .Where(f => profiles.ContainsKey(students[f.Chat.Id]))
            .Select(f => new MentoringConversationDto(f.Chat, profiles[students[f.Chat.Id]], f.LastMessage, profiles))
            .ToList();
    }
}
