using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;
using MediatR;

namespace CleanChat.Application.Messages.Commands.SendMessage;

[Authorize]
[ChatAccess(ChatAccessLevel.Participant)]
public sealed record SendMessageCommand(
    long ChatId,
    MessageType MessageType,
    string? Content,
    string? MediaUrl = null,
    long? ReplyToMessageId = null,
    string? EntityType = null,
    long? EntityId = null,
    string? EntityTitle = null) : IRequest<MessageDto>, IChatScopedRequest;

internal sealed class SendMessageCommandHandler : IRequestHandler<SendMessageCommand, MessageDto>
{
    private readonly IChatRepository _chats;
    private readonly IMessageRepository _messages;
    private readonly IUnitOfWork _unitOfWork;
    private readonly SenderNames _senderNames;
    private readonly ICurrentCaller _currentCaller;
    private readonly TimeProvider _time;

    public SendMessageCommandHandler(IChatRepository chats, IMessageRepository messages, IUnitOfWork unitOfWork, SenderNames senderNames, ICurrentCaller currentCaller, TimeProvider time)
    {
        _chats = chats;
        _messages = messages;
        _unitOfWork = unitOfWork;
        _senderNames = senderNames;
        _currentCaller = currentCaller;
        _time = time;
    }

    public async Task<MessageDto> Handle(SendMessageCommand request, CancellationToken cancellationToken)
    {
        var caller = _currentCaller.Required();
        var chat = await _chats.FindAsync(request.ChatId, cancellationToken) ?? throw new NotFoundException("Chat");
        var replyTo = await FindReplyTargetAsync(request, cancellationToken);

        var entity = request.EntityType is { } type && request.EntityId is { } id ? new EntityReference(type, id, request.EntityTitle) : null;
        var body = new MessageBody(request.MessageType, request.Content, request.MediaUrl, entity);
        var message = chat.PostMessage(caller.Participant, body, replyTo, _time.GetUtcNow().UtcDateTime);

        _messages.Add(message);
        await _unitOfWork.SaveChangesAsync(cancellationToken);

        return await MessageProjection.ForNewMessageAsync(_senderNames, message, cancellationToken);
    }

    private async Task<ChatMessage?> FindReplyTargetAsync(SendMessageCommand request, CancellationToken cancellationToken)
    {
        if (request.ReplyToMessageId is not { } replyToId)
            return null;

        // Same answer whether the message is missing or in a chat the caller may not see.
        var target = await _messages.FindAsync(replyToId, cancellationToken);
        return target is not null && target.ChatId == request.ChatId
            ? target
            : throw new RequestValidationException(nameof(request.ReplyToMessageId), "The message to reply to is not in this chat.");
    }
}
