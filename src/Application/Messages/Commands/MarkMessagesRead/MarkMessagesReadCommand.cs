using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Messages.Commands.MarkMessagesRead;

/// <summary>
/// Marks every message of the chat up to and including <see cref="MessageId"/> as read by the caller;
/// without one, everything in the chat so far.
/// </summary>
[Authorize]
[ChatAccess(ChatAccessLevel.Participant)]
public sealed record MarkMessagesReadCommand(long ChatId, long? MessageId) : IRequest<ReadStateDto>, IChatScopedRequest;

/// <summary>Where the caller's read pointer stands after the request (it never moves back).</summary>
public sealed record ReadStateDto(long ChatId, long? LastReadMessageId, DateTime? LastReadAt);

public sealed class MarkMessagesReadCommandValidator : AbstractValidator<MarkMessagesReadCommand>
{
    public MarkMessagesReadCommandValidator() => RuleFor(c => c.MessageId).GreaterThan(0).When(c => c.MessageId is not null);
}

internal sealed class MarkMessagesReadCommandHandler : IRequestHandler<MarkMessagesReadCommand, ReadStateDto>
{
    private readonly IChatRepository _chats;
    private readonly IMessageRepository _messages;
    private readonly IUnitOfWork _unitOfWork;
    private readonly ICurrentCaller _currentCaller;
    private readonly TimeProvider _time;

    public MarkMessagesReadCommandHandler(IChatRepository chats, IMessageRepository messages, IUnitOfWork unitOfWork, ICurrentCaller currentCaller, TimeProvider time)
    {
        _chats = chats;
        _messages = messages;
        _unitOfWork = unitOfWork;
        _currentCaller = currentCaller;
        _time = time;
    }

    public async Task<ReadStateDto> Handle(MarkMessagesReadCommand request, CancellationToken cancellationToken)
    {
        var reader = _currentCaller.Required().Participant;
        var chat = await _chats.FindAsync(request.ChatId, cancellationToken) ?? throw new NotFoundException("Chat");
        var message = request.MessageId is { } messageId
            ? await _messages.FindAsync(messageId, cancellationToken)
            : await _messages.FindLatestAsync(chat.Id, cancellationToken);
        if (message is not null && message.ChatId != chat.Id)
            throw new NotFoundException("Message");
        if (message is null && request.MessageId is not null)
            throw new NotFoundException("Message");

        if (message is not null && chat.MarkReadUpTo(reader, message, _time.GetUtcNow().UtcDateTime))
            await _unitOfWork.SaveChangesAsync(cancellationToken);

        var participant = chat.FindActiveParticipant(reader)!;
        return new ReadStateDto(chat.Id, participant.LastReadMessageId, participant.LastReadAt);
    }
}
