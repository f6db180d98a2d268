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
            RuleFor(c => c.Attachments).Empty().WithMessage("A text message cannot carry attachments; use message_type image, voice or file.");
        });

        var maxAttachments = Math.Min(uploads.Value.MaxAttachmentsPerMessage, MessageBody.MaxAttachments);
        When(c => c.MessageType is MessageType.Image or MessageType.Voice or MessageType.File, () =>
        {
            RuleFor(c => c.MediaUrl).NotEmpty().When(c => c.Attachments is not { Count: > 0 }).WithMessage("A media message needs a media_url or attachments.");
            RuleFor(c => c.MediaUrl!).Must(IsUploadUrl).When(c => c.MediaUrl is not null).WithMessage(NotAnUpload("media_url"));
            RuleFor(c => c.MediaUrl).Equal(c => c.Attachments![0]).When(c => c.MediaUrl is not null && c.Attachments is { Count: > 0 })
                .WithMessage("With attachments, media_url may only repeat the first of them.");

            RuleFor(c => c.Attachments!.Count).LessThanOrEqualTo(maxAttachments).When(c => c.Attachments is not null).OverridePropertyName(nameof(SendMessageCommand.Attachments))
                .WithMessage($"A message carries at most {maxAttachments} attachments.");
            RuleFor(c => c.Attachments).Must(urls => urls!.Distinct(StringComparer.Ordinal).Count() == urls!.Count).When(c => c.Attachments is not null)
                .WithMessage("Each file may be attached once per message.");
            RuleForEach(c => c.Attachments).NotEmpty().Must(IsUploadUrl).WithMessage(NotAnUpload("each attachment"));
        });

        var maxDuration = uploads.Value.MaxVoiceDurationMs;
        RuleFor(c => c.DurationMs)
            .Null().When(c => c.MessageType != MessageType.Voice).WithMessage("Only voice notes have a duration_ms.")
            .InclusiveBetween(1, maxDuration).When(c => c.DurationMs is not null)
            .WithMessage($"duration_ms must be between 1 and {maxDuration}.");

        RuleFor(c => c.Content).MaximumLength(MessageBody.MaxContentLength);
        RuleFor(c => c.ReplyToMessageId).GreaterThan(0).When(c => c.ReplyToMessageId is not null);
        MessageEntityRules.Apply(this, entityReferences.Value, c => c.EntityType, c => c.EntityId, c => c.EntityTitle);
    }

    private static bool IsUploadUrl(string? url) =>
        url is { Length: > 0 and <= MessageBody.MaxMediaUrlLength } && url.StartsWith(UploadedFileDto.UrlPrefix, StringComparison.Ordinal);

    private static string NotAnUpload(string what) =>
        $"{what} must be the file_url of an upload (a path under {UploadedFileDto.UrlPrefix}, at most {MessageBody.MaxMediaUrlLength} characters).";
}
