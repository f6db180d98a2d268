using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Common.Security;
using MediatR;

namespace CleanChat.Application.Chats.Commands.SendTyping;

/// <summary>Tells the chat that the caller started or stopped typing. Nothing is stored.</summary>
[Authorize]
[ChatAccess(ChatAccessLevel.Participant)]
public sealed record SendTypingCommand(long ChatId, bool IsTyping) : IRequest, IChatScopedRequest;

internal sealed class SendTypingCommandHandler : IRequestHandler<SendTypingCommand, Unit>
{
    private readonly IChatNotifier _notifier;
    private readonly ICurrentCaller _currentCaller;

    public SendTypingCommandHandler(IChatNotifier notifier, ICurrentCaller currentCaller)
    {
        _notifier = notifier;
        _currentCaller = currentCaller;
    }

    public async Task<Unit> Handle(SendTypingCommand request, CancellationToken cancellationToken)
    {
        await _notifier.NotifyAsync(new TypingNotification(request.ChatId, _currentCaller.Required().Participant, request.IsTyping), cancellationToken);
        return Unit.Value;
    }
}
