using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using MediatR;

namespace CleanChat.Application.Chats.Queries.GetChat;

[Authorize]
[ChatAccess(ChatAccessLevel.ParticipantOrSalonAdmin)]
public sealed record GetChatQuery(long ChatId) : IRequest<ChatDto>, IChatScopedRequest;

internal sealed class GetChatQueryHandler : IRequestHandler<GetChatQuery, ChatDto>
{
    private readonly IChatReadModel _read;
    private readonly ICurrentCaller _currentCaller;
    private readonly IPresenceTracker _presence;

    public GetChatQueryHandler(IChatReadModel read, ICurrentCaller currentCaller, IPresenceTracker presence)
    {
        _read = read;
        _currentCaller = currentCaller;
        _presence = presence;
    }

    public async Task<ChatDto> Handle(GetChatQuery request, CancellationToken cancellationToken)
    {
        var chats = await ChatProjection.ToDtosAsync(_read, _read.Chats.Where(c => c.Id == request.ChatId), _currentCaller.Required(), _presence, cancellationToken);
        return chats.Count == 1 ? chats[0] : throw new NotFoundException("Chat");
    }
}
