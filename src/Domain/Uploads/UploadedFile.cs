using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;

namespace CleanChat.Domain.Uploads;

/// <summary>
/// A file someone uploaded to attach to messages. Only its uploader may attach it, and only to a message
/// of the matching type: an image to an image message, audio to a voice note, anything to a file message.
/// </summary>
public sealed class UploadedFile : AggregateRoot
{
    public const int MaxOriginalNameLength = 255;

    private UploadedFile()
    {
        StoredName = MediaType = string.Empty;
    }

    public UploadedFile(string storedName, ParticipantRef uploader, string? originalName, string mediaType, FileKind kind, long size, string? thumbnailName, DateTime now)
    {
        StoredName = Guard.Against.NullOrWhiteSpace(storedName);
        UploaderType = uploader.Type;
        UploaderId = uploader.Id;
        OriginalName = CleanOriginalName(originalName);
        MediaType = Guard.Against.NullOrWhiteSpace(mediaType);
        Kind = kind;
        Size = Guard.Against.Negative(size);
        ThumbnailName = thumbnailName;
        CreatedAt = Guard.Against.NotUtc(now);
    }

    /// <summary>The server's name for the file (random, unguessable); never anything the client chose.</summary>
    public string StoredName { get; private set; }

    public ParticipantType UploaderType { get; private set; }

    public long UploaderId { get; private set; }

    public ParticipantRef Uploader => new(UploaderType, UploaderId);

    /// <summary>The name the client gave, kept to show and to offer as download name; never used as a path.</summary>
    public string? OriginalName { get; private set; }

    public string MediaType { get; private set; }

    public FileKind Kind { get; private set; }

    public long Size { get; private set; }

    public string? ThumbnailName { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Refuses to attach the file unless the sender uploaded it and it fits the message type.</summary>
    public void EnsureAttachableBy(ParticipantRef sender, MessageType messageType)
    {
        Guard.Against.NotPermitted(sender != Uploader, "media_not_yours", "Only the person who uploaded a file may send it.");

        var fits = messageType switch
        {
            MessageType.Image => Kind == FileKind.Image,
            MessageType.Voice => Kind == FileKind.Audio,
            MessageType.File => true,
            _ => false,
        };
        Guard.Against.RuleBroken(!fits, "media_type_mismatch", $"A {messageType.ToString().ToLowerInvariant()} message cannot carry a {MediaType} file.");
    }

    /// <summary>What a message shows of this file; the thumbnail and file URLs are where the service serves them.</summary>
    public MessageAttachment ToAttachment(string fileUrl, string? thumbnailUrl, long? durationMs) =>
        new(fileUrl, OriginalName, MediaType, Size, thumbnailUrl, durationMs);

    // Only the last path segment, without control characters, and not longer than the column.
    private static string? CleanOriginalName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;

        var lastSegment = name.Replace('\\', '/').Split('/').Last();
        var printable = new string(lastSegment.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (printable.Length == 0 || printable is "." or "..")
            return null;
        return printable.Length <= MaxOriginalNameLength ? printable : printable[..MaxOriginalNameLength];
    }
}
