using CleanChat.Domain.Common;

namespace CleanChat.Domain.Chats;

/// <summary>What a participant asks to post: kind, text or caption, files in order and an optional entity reference.</summary>
public sealed record MessageBody(MessageType Type, string? Content, EntityReference? Entity = null, IReadOnlyList<MessageAttachment>? Attachments = null)
{
    public const int MaxContentLength = 4000;
    public const int MaxMediaUrlLength = 1024;

    /// <summary>The most files one message may carry, whatever the configuration says.</summary>
    public const int MaxAttachments = 50;

    public static MessageBody Text(string content, EntityReference? entity = null) => new(MessageType.Text, content, entity);

    /// <summary>What the service says in a chat (<see cref="ChatSnapshot.PostSystemMessage"/>): plain text, checked here.</summary>
    internal static MessageBody SystemNotice(string content)
    {
        var text = Guard.Against.NullOrWhiteSpace(content).Trim();
        Guard.Against.RuleBroken(text.Length > MaxContentLength, "content_too_long", $"Message content is longer than {MaxContentLength} characters.");
        return new MessageBody(MessageType.System, text);
    }

    /// <summary>Checks the shape rules every posted or edited message obeys, whoever sends it.</summary>
    internal MessageBody Normalized()
    {
        Guard.Against.RuleBroken(Type == MessageType.System, "system_message_reserved", "System messages are written by the service, not by participants.");

        var content = Content?.Trim();
        Guard.Against.RuleBroken(content is { Length: > MaxContentLength }, "content_too_long", $"Message content is longer than {MaxContentLength} characters.");

        var attachments = Attachments ?? Array.Empty<MessageAttachment>();
        if (Type == MessageType.Text)
        {
            Guard.Against.RuleBroken(string.IsNullOrEmpty(content), "content_required", "Message content cannot be empty.");
            Guard.Against.RuleBroken(attachments.Count > 0, "media_not_allowed", "A text message cannot carry media.");
            return this with { Content = content, Attachments = attachments };
        }

        Guard.Against.RuleBroken(attachments.Count == 0, "media_required", $"A {Type.ToString().ToLowerInvariant()} message needs a media_url or attachments.");
        Guard.Against.RuleBroken(attachments.Count > MaxAttachments, "too_many_attachments", $"A message carries at most {MaxAttachments} files.");
        foreach (var attachment in attachments)
        {
            Guard.Against.RuleBroken(string.IsNullOrWhiteSpace(attachment.FileUrl) || attachment.FileUrl.Length > MaxMediaUrlLength,
                "media_url_invalid", $"A file URL must be 1 to {MaxMediaUrlLength} characters.");
            Guard.Against.RuleBroken(attachment.DurationMs is not null && Type != MessageType.Voice, "duration_only_for_voice", "Only voice notes have a duration.");
        }

        // For media the content is an optional caption.
        return this with { Content = string.IsNullOrEmpty(content) ? null : content, Attachments = attachments.ToArray() };
    }
}

/// <summary>A file a message carries, as the message shows it: where it is served and what it is.</summary>
public sealed record MessageAttachment(string FileUrl, string? FileName, string FileType, long FileSize, string? ThumbnailUrl, long? DurationMs);
