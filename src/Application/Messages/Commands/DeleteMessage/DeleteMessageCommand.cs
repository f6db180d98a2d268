using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using MediatR;

namespace CleanChat.Application.Messages.Commands.DeleteMessage;

/// <summary>Soft-deletes a message: the row stays, its content and media are never shown again.</summary>
[Authorize]
[ChatAccess(ChatAccessLevel.ParticipantOrSalonAdmin)]
public sealed record DeleteMessageCommand(long MessageId) : IRequest, IMessageScopedRequest;

internal sealed class DeleteMessageCommandHandler : IRequestHandler<DeleteMessageCommand, Unit>
{
    private readonly IMessageRepository _messages;
    private readonly IChatRepository _chats;
    private readonly IUnitOfWork _unitOfWork;
    private readonly ICurrentCaller _currentCaller;
    private readonly TimeProvider _time;

    public DeleteMessageCommandHandler(IMessageRepository messages, IChatRepository chats, IUnitOfWork unitOfWork, ICurrentCaller currentCaller, TimeProvider time)
    {
        _messages = messages;
        _chats = chats;
        _unitOfWork = unitOfWork;
        _currentCaller = currentCaller;
        _time = time;
    }

    public async Task<Unit> Handle(DeleteMessageCommand request, CancellationToken cancellationToken)
    {
        var message = await _messages.FindAsync(request.MessageId, cancellationToken) ?? throw new NotFoundException("Message");
        var chat = await _chats.FindAsync(message.ChatId, cancellationToken) ?? throw new NotFoundException("Message");

        message.SoftDelete(_currentCaller.Required().ToActor(), chat.SalonId, _time.GetUtcNow().UtcDateTime);
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
