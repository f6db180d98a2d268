using CleanChat.Application.Common.Validation;
using CleanChat.Domain.Chats;
using CleanChat.Application.Uploads;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace CleanChat.Application.Messages.Commands.SendMessage;

public sealed class SendMessageCommandValidator : AbstractValidator<SendMessageCommand>
{
    public SendMessageCommandValidator(IOptions<UploadOptions> uploads, IOptions<EntityReferenceOptions> entityReferences)
    {
        RuleFor(c => c.MessageType).IsInEnum()
            .NotEqual(MessageType.System).WithMessage("System messages are written by the service, not by participants.");

        When(c => c.MessageType == MessageType.Text, () =>
        {
            RuleFor(c => c.Content).NotEmpty().WithMessage("Message content cannot be empty.");
            RuleFor(c => c.MediaUrl).Null().WithMessage("A text message cannot carry media; use message_type image, voice or file.");
        });

        When(c => c.MessageType is MessageType.Image or MessageType.Voice or MessageType.File, () =>
            RuleFor(c => c.MediaUrl).NotEmpty().WithMessage("A media message needs a media_url.")
                .MaximumLength(MessageBody.MaxMediaUrlLength)
                .Must(url => url!.StartsWith(UploadedFileDto.UrlPrefix, StringComparison.Ordinal))
                .WithMessage($"media_url must be the file_url of an upload (a path under {UploadedFileDto.UrlPrefix})."));

        var maxDuration = uploads.Value.MaxVoiceDurationMs;
        RuleFor(c => c.DurationMs)
            .Null().When(c => c.MessageType != MessageType.Voice).WithMessage("Only voice notes have a duration_ms.")
            .InclusiveBetween(1, maxDuration).When(c => c.DurationMs is not null)
            .WithMessage($"duration_ms must be between 1 and {maxDuration}.");

        RuleFor(c => c.Content).MaximumLength(MessageBody.MaxContentLength);
        RuleFor(c => c.ReplyToMessageId).GreaterThan(0).When(c => c.ReplyToMessageId is not null);
        MessageEntityRules.Apply(this, entityReferences.Value, c => c.EntityType, c => c.EntityId, c => c.EntityTitle);
    }
}
