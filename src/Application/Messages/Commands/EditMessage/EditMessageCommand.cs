using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Messages.Commands.EditMessage;

[Authorize]
[ChatAccess(ChatAccessLevel.Participant)]
public sealed record EditMessageCommand(long MessageId, string Content) : IRequest<MessageDto>, IMessageScopedRequest;

public sealed class EditMessageCommandValidator : AbstractValidator<EditMessageCommand>
{
    public EditMessageCommandValidator()
    {
        RuleFor(c => c.Content).NotEmpty().WithMessage("Content must not be blank.")
            .MaximumLength(MessageBody.MaxContentLength);
    }
}

internal sealed class EditMessageCommandHandler : IRequestHandler<EditMessageCommand, MessageDto>
{
    private readonly IMessageRepository _messages;
    private readonly IUnitOfWork _unitOfWork;
    private readonly IChatReadModel _read;
    private readonly ICurrentCaller _currentCaller;
    private readonly TimeProvider _time;

    public EditMessageCommandHandler(IMessageRepository messages, IUnitOfWork unitOfWork, IChatReadModel read, ICurrentCaller currentCaller, TimeProvider time)
    {
        _messages = messages;
        _unitOfWork = unitOfWork;
        _read = read;
        _currentCaller = currentCaller;
        _time = time;
    }

    public async Task<MessageDto> Handle(EditMessageCommand request, CancellationToken cancellationToken)
    {
        var message = await _messages.FindAsync(request.MessageId, cancellationToken) ?? throw new NotFoundException("Message");

        message.Edit(_currentCaller.Required().Participant, request.Content, _time.GetUtcNow().UtcDateTime);
        await _unitOfWork.SaveChangesAsync(cancellationToken);

        return (await MessageProjection.FindAsync(_read, message.Id, cancellationToken))!;
    }
}
