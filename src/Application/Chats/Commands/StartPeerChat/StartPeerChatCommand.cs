using CleanChat.Application.Chats.Commands.CreateChat;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using MediatR;

namespace CleanChat.Application.Chats.Commands.StartPeerChat;

/// <summary>
/// A customer starts a chat with another customer about something (a marketplace's "Contact provider").
/// Get-or-create: if these two already have a chat about the same kind and id of thing, whoever started
/// it, that chat is the answer and nothing is posted; a greeting is posted only into a new chat.
/// </summary>
[Authorize(Callers.Customer)]
public sealed record StartPeerChatCommand(long OtherCustomerId, string ContextType, long? ContextId, string? ContextTitle, string? InitialMessage)
    : IRequest<PeerChatStarted>;

/// <param name="Created">False when an existing chat was found.</param>
public sealed record PeerChatStarted(ChatDto Chat, bool Created);

internal sealed class StartPeerChatCommandHandler : IRequestHandler<StartPeerChatCommand, PeerChatStarted>
{
    private readonly ChatOpener _opener;
    private readonly IChatRepository _chats;
    private readonly ICustomerRepository _customers;
    private readonly IChatReadModel _read;
    private readonly IPresenceTracker _presence;
    private readonly ICurrentCaller _currentCaller;
    private readonly TimeProvider _time;

    public StartPeerChatCommandHandler(ChatOpener opener, IChatRepository chats, ICustomerRepository customers, IChatReadModel read, IPresenceTracker presence, ICurrentCaller currentCaller, TimeProvider time)
    {
        _opener = opener;
        _chats = chats;
        _customers = customers;
        _read = read;
        _presence = presence;
        _currentCaller = currentCaller;
        _time = time;
    }

    public async Task<PeerChatStarted> Handle(StartPeerChatCommand request, CancellationToken cancellationToken)
    {
        var caller = _currentCaller.Required();
        if (request.OtherCustomerId == caller.Participant.Id)
            throw new RequestValidationException(nameof(request.OtherCustomerId), "A conversation needs another member; you cannot start one with yourself.");

        var other = await _customers.FindAsync(request.OtherCustomerId, cancellationToken);
        if (other is not { IsActive: true })
            throw new NotFoundException("Member");

        var context = new ChatContext(request.ContextType, request.ContextId, request.ContextTitle);
        var peerKey = Chat.PeerKeyOf(caller.Participant, other.AsParticipant, context);
        if (await _chats.FindChatIdByKeyAsync(peerKey, cancellationToken) is { } existing)
            return new PeerChatStarted(await ReadAsync(existing, caller, cancellationToken), Created: false);

        try
        {
            var chat = Chat.StartPeer(caller.Participant, other.AsParticipant, context, _time.GetUtcNow().UtcDateTime);
            return new PeerChatStarted(await _opener.OpenAsync(chat, caller, request.InitialMessage, cancellationToken), Created: true);
        }
        catch (ConflictException)
        {
            // The other member (or a second click) started the same chat a moment earlier: that one it is.
            var raced = await _chats.FindChatIdByKeyAsync(peerKey, cancellationToken) ?? throw new InvalidOperationException("A peer chat clashed on its key but cannot be found.");
            return new PeerChatStarted(await ReadAsync(raced, caller, cancellationToken), Created: false);
        }
    }

    private async Task<ChatDto> ReadAsync(long chatId, Caller caller, CancellationToken cancellationToken) =>
        (await ChatProjection.ToDtosAsync(_read, _read.Chats.Where(c => c.Id == chatId), caller, _presence, cancellationToken))[0];
}
