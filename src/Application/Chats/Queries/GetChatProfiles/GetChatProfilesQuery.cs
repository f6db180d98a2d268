using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Chats.Queries.GetChatProfiles;

/// <summary>
/// Who everyone in a chat is, present and past members alike (their messages stay in its history), for
/// protocols that describe a sender by more than a name. Only the chat's own participants may ask.
/// </summary>
[Authorize]
[ChatAccess(ChatAccessLevel.Participant)]
public sealed record GetChatProfilesQuery(long ChatId) : IRequest<IReadOnlyDictionary<ParticipantRef, ParticipantProfile>>, IChatScopedRequest;

internal sealed class GetChatProfilesQueryHandler : IRequestHandler<GetChatProfilesQuery, IReadOnlyDictionary<ParticipantRef, ParticipantProfile>>
{
    private readonly IChatReadModel _read;
    private readonly IParticipantProfiles _profiles;

    public GetChatProfilesQueryHandler(IChatReadModel read, IParticipantProfiles profiles)
    {
        _read = read;
        _profiles = profiles;
    }

    public async Task<IReadOnlyDictionary<ParticipantRef, ParticipantProfile>> Handle(GetChatProfilesQuery request, CancellationToken cancellationToken)
    {
        var members = await _read.Participants.Where(p => p.ChatId == request.ChatId)
            .Select(p => new { p.ParticipantType, p.ParticipantId }).ToListAsync(cancellationToken);
        return await _profiles.GetManyAsync(members.Select(m => new ParticipantRef(m.ParticipantType, m.ParticipantId)).ToList(), cancellationToken);
    }
}
