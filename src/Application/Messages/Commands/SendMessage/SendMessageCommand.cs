using CleanChat.Application.Chats;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Common.Security;
using CleanChat.Application.Push;
using CleanChat.Application.Uploads;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
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
    string? EntityTitle = null,
    Guid? ClientMessageId = null,
    long? DurationMs = null,
    IReadOnlyList<string>? Attachments = null) : IRequest<MessageDto>, IChatScopedRequest, IShedUnderLoad
{
    /// <summary>The files to attach, in order: <see cref="Attachments"/>, or else <see cref="MediaUrl"/> as the only one.</summary>
    public IReadOnlyList<string> FileUrls => Attachments is { Count: > 0 } ? Attachments : MediaUrl is { } url ? new[] { url } : Array.Empty<string>();

    /// <summary>The request field that named the file at <paramref name="index"/>, as an error must call it.</summary>
    public string FileField(int index) => Attachments is { Count: > 0 } ? $"attachments[{index}]" : "media_url";
}

/// <summary>
/// The hot path: the chat's rules come from its in-memory snapshot and the message joins the next group
/// commit, so a send costs no query unless it carries a file, replies to a message or repeats an earlier send.
/// </summary>
internal sealed class SendMessageCommandHandler : IRequestHandler<SendMessageCommand, MessageDto>
{
    private readonly IChatDirectory _chats;
    private readonly IMessageRepository _messages;
    private readonly IMessageStore _store;
    private readonly IChatReadModel _read;
    private readonly IParticipantProfiles _profiles;
    private readonly IChatNotifier _notifier;
    private readonly IUploadedFileRepository _uploads;
    private readonly ICurrentCaller _currentCaller;
    private readonly FrontDeskMembership _frontDesk;
    private readonly OfflinePush _offlinePush;
    private readonly TimeProvider _time;

    public SendMessageCommandHandler(IChatDirectory chats, IMessageRepository messages, IMessageStore store, IChatReadModel read, IParticipantProfiles profiles, IChatNotifier notifier,
        IUploadedFileRepository uploads, ICurrentCaller currentCaller, FrontDeskMembership frontDesk, OfflinePush offlinePush, TimeProvider time)
    {
        _offlinePush = offlinePush;
        _frontDesk = frontDesk;
        _uploads = uploads;
        _notifier = notifier;
        _chats = chats;
        _messages = messages;
        _store = store;
        _read = read;
        _profiles = profiles;
        _currentCaller = currentCaller;
        _time = time;
    }

    public async Task<MessageDto> Handle(SendMessageCommand request, CancellationToken cancellationToken)
    {
        var caller = _currentCaller.Required();
        var chat = await _frontDesk.ForSenderAsync(await _chats.FindAsync(request.ChatId, cancellationToken) ?? throw new NotFoundException("Chat"), caller, cancellationToken);
        var replyTo = await FindReplyTargetAsync(request, cancellationToken);

        var entity = request.EntityType is { } type && request.EntityId is { } id ? new EntityReference(type, id, request.EntityTitle) : null;
        var attachments = await AttachmentsAsync(request, caller.Participant, cancellationToken);
        var body = new MessageBody(request.MessageType, request.Content, entity, attachments);
        var message = chat.PostMessage(caller.Participant, body, replyTo, request.ClientMessageId, _time.GetUtcNow().UtcDateTime);

        var stored = await _store.AppendAsync(message, cancellationToken);
        if (!stored.IsDuplicate)
        {
            var sent = await MessageProjection.ForNewMessageAsync(_profiles, message, cancellationToken);
            _offlinePush.Announce(chat, message, sent.SenderName);
            return sent;
        }

        // A retry of a send that already succeeded: answer with the original, as it is now, and give the
        // sender's sockets its frame again (the retry may come from a socket that missed the first one).
        var original = await MessageProjection.FindAsync(_read, stored.MessageId, cancellationToken) ?? throw new NotFoundException("Message");
        await _notifier.NotifyInChatOrderAsync(new MessageRepeatedNotification(original, caller.Participant), cancellationToken);
        return original;
    }

    // A media message carries files its sender uploaded here, each of the kind the message type promises;
    // a refusal names the file by its place in the request.
    private async Task<IReadOnlyList<MessageAttachment>> AttachmentsAsync(SendMessageCommand request, ParticipantRef sender, CancellationToken cancellationToken)
    {
        var urls = request.FileUrls;
        if (request.MessageType is not (MessageType.Image or MessageType.Voice or MessageType.File) || urls.Count == 0)
            return Array.Empty<MessageAttachment>();

        var storedNames = urls.Select(url => url.StartsWith(UploadedFileDto.UrlPrefix, StringComparison.Ordinal) ? url[UploadedFileDto.UrlPrefix.Length..] : null).ToList();
        var uploads = await _uploads.FindByStoredNamesAsync(storedNames.OfType<string>().Distinct().ToList(), cancellationToken);
        var byName = uploads.ToDictionary(u => u.StoredName, StringComparer.Ordinal);

        var attachments = new List<MessageAttachment>(urls.Count);
        for (var i = 0; i < urls.Count; i++)
        {
            if (storedNames[i] is not { } name || !byName.TryGetValue(name, out var upload))
                throw new RequestValidationException(request.FileField(i), "Each file must be the file_url of a file uploaded to this service.");

            try
            {
                upload.EnsureAttachableBy(sender, request.MessageType);
            }
            catch (DomainRuleViolationException refusal)
            {
                throw new FieldRefusedException(request.FileField(i), refusal);
            }

            var thumbnailUrl = upload.ThumbnailName is { } thumbnail ? UploadedFileDto.UrlOf(thumbnail) : null;
            attachments.Add(upload.ToAttachment(urls[i], thumbnailUrl, i == 0 ? request.DurationMs : null));
        }

        return attachments;
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
