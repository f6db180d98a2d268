using CleanChat.Application.Common.Validation;
using CleanChat.Domain.Chats;
using FluentValidation;

namespace CleanChat.Application.Messages.Commands.SendMessage;

public sealed class SendMessageCommandValidator : AbstractValidator<SendMessageCommand>
{
    public SendMessageCommandValidator()
    {
        RuleFor(c => c.MessageType).IsInEnum()
            .NotEqual(MessageType.System).WithMessage("System messages are written by the service, not by participants.");

        When(c => c.MessageType == MessageType.Text, () =>
        {
            RuleFor(c => c.Content).NotEmpty().WithMessage("A text message needs non-blank content.");
            RuleFor(c => c.MediaUrl).Null().WithMessage("A text message cannot carry media; use message_type image, voice or file.");
        });

        When(c => c.MessageType is MessageType.Image or MessageType.Voice or MessageType.File, () =>
            RuleFor(c => c.MediaUrl).NotEmpty().WithMessage("A media message needs a media_url.")
                .MaximumLength(MessageBody.MaxMediaUrlLength)
                .Must(url => url!.StartsWith("/uploads/", StringComparison.Ordinal) && !url.Contains("..", StringComparison.Ordinal))
                .WithMessage("media_url must be a file served by this service (a path under /uploads/)."));

        RuleFor(c => c.Content).MaximumLength(MessageBody.MaxContentLength);
        RuleFor(c => c.ReplyToMessageId).GreaterThan(0).When(c => c.ReplyToMessageId is not null);
        MessageEntityRules.Apply(this, c => c.EntityType, c => c.EntityId, c => c.EntityTitle);
    }
}
