using CleanChat.Domain.Common;

namespace CleanChat.Domain.Chats;

/// <summary>What a participant asks to post: kind, text or caption, media and an optional entity reference.</summary>
public sealed record MessageBody(MessageType Type, string? Content, string? MediaUrl = null, EntityReference? Entity = null, MessageAttachment? Attachment = null)
{
    public const int MaxContentLength = 4000;
    public const int MaxMediaUrlLength = 1024;

    public static MessageBody Text(string content, EntityReference? entity = null) => new(MessageType.Text, content, null, entity);

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

        if (Type == MessageType.Text)
        {
            Guard.Against.RuleBroken(string.IsNullOrEmpty(content), "content_required", "Message content cannot be empty.");
            Guard.Against.RuleBroken(MediaUrl is not null, "media_not_allowed", "A text message cannot carry media.");
            return this with { Content = content };
        }

        Guard.Against.RuleBroken(string.IsNullOrWhiteSpace(MediaUrl), "media_required", $"A {Type.ToString().ToLowerInvariant()} message needs a media_url.");
        Guard.Against.RuleBroken(MediaUrl.Length > MaxMediaUrlLength, "media_url_too_long", $"media_url is longer than {MaxMediaUrlLength} characters.");

        Guard.Against.RuleBroken(Attachment is null, "media_unknown", "media_url must be a file uploaded to this service.");
        Guard.Against.RuleBroken(Attachment.DurationMs is not null && Type != MessageType.Voice, "duration_only_for_voice", "Only voice notes have a duration.");

        // For media the content is an optional caption.
        return this with { Content = string.IsNullOrEmpty(content) ? null : content, MediaUrl = MediaUrl.Trim() };
    }
}

/// <summary>What a media message shows of its file besides the URL.</summary>
public sealed record MessageAttachment(string? FileName, string FileType, long FileSize, string? ThumbnailUrl, long? DurationMs);
