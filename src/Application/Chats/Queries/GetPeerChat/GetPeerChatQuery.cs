using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;
using MediatR;

namespace CleanChat.Application.Chats.Queries.GetPeerChat;

/// <summary>One of the caller's peer chats; a salon chat's id is not one (404).</summary>
[Authorize(Callers.Customer)]
[ChatAccess(ChatAccessLevel.Participant)]
public sealed record GetPeerChatQuery(long ChatId) : IRequest<PeerChatDto>, IChatScopedRequest;

internal sealed class GetPeerChatQueryHandler : IRequestHandler<GetPeerChatQuery, PeerChatDto>
{
    private readonly IChatReadModel _read;
    private readonly ICurrentCaller _currentCaller;
    private readonly IPresenceTracker _presence;

    public GetPeerChatQueryHandler(IChatReadModel read, ICurrentCaller currentCaller, IPresenceTracker presence)
    {
        _read = read;
        _currentCaller = currentCaller;
        _presence = presence;
    }

    public async Task<PeerChatDto> Handle(GetPeerChatQuery request, CancellationToken cancellationToken)
    {
        var chats = _read.Chats.Where(c => c.Id == request.ChatId && c.Type == ChatType.CustomerCustomer);
        var found = await PeerChatReader.ReadAsync(_read, chats, _currentCaller.Required(), _presence, cancellationToken);
        return found.Count == 1 ? found[0] : throw new NotFoundException("Conversation");
    }
}
