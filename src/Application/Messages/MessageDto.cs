using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;

namespace CleanChat.Application.Messages;

/// <summary>A message as REST history and real-time frames show it. Deleted messages carry no content or media.</summary>
public sealed record MessageDto
{
    public required long Id { get; init; }
    public required long ChatId { get; init; }

    /// <summary>Position in the chat (1, 2, 3...): a client that sees a jump knows it missed something.</summary>
    public required long Seq { get; init; }

    /// <summary>The sender's own id for the message, echoed back so an optimistic copy can be matched.</summary>
    public Guid? ClientMessageId { get; init; }
    public required ParticipantType SenderType { get; init; }
    public long? SenderUserId { get; init; }
    public long? SenderCustomerId { get; init; }
    public string? SenderName { get; init; }
    public required MessageType MessageType { get; init; }
    public string? Content { get; init; }

    /// <summary>The files of an image, voice or file message, in order (empty for text and once deleted).</summary>
    public IReadOnlyList<AttachmentDto> Attachments { get; init; } = Array.Empty<AttachmentDto>();

    // The first file, where clients that know one file per message look for it.
    public string? MediaUrl => FirstAttachment?.FileUrl;
    public string? FileName => FirstAttachment?.FileName;
    public string? FileType => FirstAttachment?.FileType;
    public long? FileSize => FirstAttachment?.FileSize;
    public string? ThumbnailUrl => FirstAttachment?.ThumbnailUrl;
    public long? DurationMs => FirstAttachment?.DurationMs;
    public long? ReplyToMessageId { get; init; }
    public string? EntityType { get; init; }
    public long? EntityId { get; init; }
    public string? EntityTitle { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? EditedAt { get; init; }
    public bool IsEdited => EditedAt is not null;
    public required bool IsDeleted { get; init; }
    public DateTime? DeletedAt { get; init; }
    public IReadOnlyList<ReadReceiptDto> ReadReceipts { get; init; } = Array.Empty<ReadReceiptDto>();

    /// <summary>Every other participant the message has reached (read implies reached).</summary>
    public IReadOnlyList<DeliveredReceiptDto> DeliveredReceipts { get; init; } = Array.Empty<DeliveredReceiptDto>();

    /// <summary>
    /// As the sender sees it: stored (<c>sent</c>), reached every other active participant (<c>delivered</c>),
    /// or read by every other active participant (<c>read</c>).
    /// </summary>
    public MessageStatus Status { get; init; } = MessageStatus.Sent;

    /// <summary>Who sent it (the service itself for a system message). A method, so it is no field of the wire shape.</summary>
    public ParticipantRef Sender() => new(SenderType, SenderUserId ?? SenderCustomerId ?? 0);

    /// <summary>What a deleted message still shows: who sent it, when, and where it was; no text and no file.</summary>
    public MessageDto WithoutContent() => this with { Content = null, Attachments = Array.Empty<AttachmentDto>() };

    private AttachmentDto? FirstAttachment => Attachments.Count > 0 ? Attachments[0] : null;
}

/// <summary>One file of a message, as the upload endpoint described it, with a voice note's length.</summary>
public sealed record AttachmentDto(string FileUrl, string? FileName, string FileType, long FileSize, string? ThumbnailUrl, long? DurationMs);

public sealed record ReadReceiptDto(ParticipantType ReaderType, long ReaderId, DateTime ReadAt);

public sealed record DeliveredReceiptDto(ParticipantType ParticipantType, long ParticipantId, DateTime DeliveredAt);

public enum MessageStatus
{
    Sent = 1,
    Delivered = 2,
    Read = 3,
}
