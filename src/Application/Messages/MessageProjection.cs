using System.Linq.Expressions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Messages;

/// <summary>
/// Reads messages as DTOs in a fixed number of queries: one for the messages (sender names joined in SQL)
/// and one for the chat's read pointers, from which every message's read receipts follow.
/// </summary>
internal static class MessageProjection
{
    public static async Task<IReadOnlyList<MessageDto>> ToDtosAsync(IChatReadModel read, IQueryable<ChatMessage> messages, long chatId, CancellationToken cancellationToken)
    {
        var rows = await messages.Select(Row(read)).ToListAsync(cancellationToken);
        if (rows.Count == 0)
            return Array.Empty<MessageDto>();

        var readers = await ReadPointersAsync(read, chatId, cancellationToken);
        return rows.Select(row => ToDto(row, readers)).ToList();
    }

    public static async Task<MessageDto?> FindAsync(IChatReadModel read, long messageId, CancellationToken cancellationToken)
    {
        var row = await read.Messages.Where(m => m.Id == messageId).Select(Row(read)).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToDto(row, await ReadPointersAsync(read, row.ChatId, cancellationToken));
    }

    /// <summary>
    /// The DTO of a message just committed, without reading it back: nobody can have read it yet (read
    /// pointers only reach existing messages), so only the sender's name has to be looked up.
    /// </summary>
    public static async Task<MessageDto> ForNewMessageAsync(IParticipantNames names, ChatMessage message, CancellationToken cancellationToken)
    {
        var sender = message.Sender;
        var name = await names.GetAsync(sender, cancellationToken);
        return ToDto(new MessageRow
        {
            Id = message.Id,
            ChatId = message.ChatId,
            Seq = message.Seq,
            ClientMessageId = message.ClientMessageId,
            SenderType = sender.Type,
            SenderId = sender.Id,
            SenderName = name,
            MessageType = message.MessageType,
            Content = message.IsDeleted ? null : message.Content,
            MediaUrl = message.IsDeleted ? null : message.MediaUrl,
            FileName = message.IsDeleted ? null : message.MediaFileName,
            FileType = message.IsDeleted ? null : message.MediaFileType,
            FileSize = message.IsDeleted ? null : message.MediaFileSize,
            ThumbnailUrl = message.IsDeleted ? null : message.MediaThumbnailUrl,
            DurationMs = message.IsDeleted ? null : message.MediaDurationMs,
            ReplyToMessageId = message.ReplyToMessageId,
            EntityType = message.EntityType,
            EntityId = message.EntityId,
            EntityTitle = message.EntityTitle,
            CreatedAt = message.CreatedAt,
            EditedAt = message.EditedAt,
            IsDeleted = message.IsDeleted,
            DeletedAt = message.DeletedAt,
        }, Array.Empty<ReadPointer>());
    }

    private static Task<List<ReadPointer>> ReadPointersAsync(IChatReadModel read, long chatId, CancellationToken cancellationToken) =>
        read.Participants
            .Where(p => p.ChatId == chatId && p.LastReadMessageId != null)
            .Select(p => new ReadPointer(p.ParticipantType, p.ParticipantId, p.LastReadMessageId!.Value, p.LastReadAt!.Value))
            .ToListAsync(cancellationToken);

    private static Expression<Func<ChatMessage, MessageRow>> Row(IChatReadModel read)
    {
        // Locals, so EF reads them as values instead of compiling a delegate per execution (see ChatProjection).
        var staffUsers = read.StaffUsers;
        var customers = read.Customers;
        return m => new MessageRow
        {
        Id = m.Id,
        ChatId = m.ChatId,
        Seq = m.Seq,
        ClientMessageId = m.ClientMessageId,
        SenderType = m.SenderType,
        SenderId = m.SenderId,
        SenderName = m.SenderType == ParticipantType.User
            ? staffUsers.Where(u => u.Id == m.SenderId).Select(u => u.DisplayName).FirstOrDefault()
            : customers.Where(c => c.Id == m.SenderId).Select(c => c.DisplayName ?? c.PhoneNumber).FirstOrDefault(),
        MessageType = m.MessageType,

        // Decided in SQL, so a deleted message's text never even leaves the database.
        Content = m.IsDeleted ? null : m.Content,
        MediaUrl = m.IsDeleted ? null : m.MediaUrl,
        FileName = m.IsDeleted ? null : m.MediaFileName,
        FileType = m.IsDeleted ? null : m.MediaFileType,
        FileSize = m.IsDeleted ? null : m.MediaFileSize,
        ThumbnailUrl = m.IsDeleted ? null : m.MediaThumbnailUrl,
        DurationMs = m.IsDeleted ? null : m.MediaDurationMs,
        ReplyToMessageId = m.ReplyToMessageId,
        EntityType = m.EntityType,
        EntityId = m.EntityId,
        EntityTitle = m.EntityTitle,
        CreatedAt = m.CreatedAt,
        EditedAt = m.EditedAt,
        IsDeleted = m.IsDeleted,
        DeletedAt = m.DeletedAt,
        };
    }

    private static MessageDto ToDto(MessageRow row, IReadOnlyList<ReadPointer> readers) => new()
    {
        Id = row.Id,
        ChatId = row.ChatId,
        Seq = row.Seq,
        ClientMessageId = row.ClientMessageId,
        SenderType = row.SenderType,
        SenderUserId = row.SenderType == ParticipantType.User ? row.SenderId : null,
        SenderCustomerId = row.SenderType == ParticipantType.Customer ? row.SenderId : null,
        SenderName = row.SenderName,
        MessageType = row.MessageType,
        Content = row.Content,
        MediaUrl = row.MediaUrl,
        FileName = row.FileName,
        FileType = row.FileType,
        FileSize = row.FileSize,
        ThumbnailUrl = row.ThumbnailUrl,
        DurationMs = row.DurationMs,
        ReplyToMessageId = row.ReplyToMessageId,
        EntityType = row.EntityType,
        EntityId = row.EntityId,
        EntityTitle = row.EntityTitle,
        CreatedAt = row.CreatedAt,
        EditedAt = row.EditedAt,
        IsDeleted = row.IsDeleted,
        DeletedAt = row.DeletedAt,
        ReadReceipts = readers
            .Where(r => r.UpToMessageId >= row.Id && !(r.Type == row.SenderType && r.Id == row.SenderId))
            .Select(r => new ReadReceiptDto(r.Type, r.Id, r.ReadAt))
            .ToList(),
    };

    private sealed record ReadPointer(ParticipantType Type, long Id, long UpToMessageId, DateTime ReadAt);

    private sealed class MessageRow
    {
        public long Id { get; init; }
        public long ChatId { get; init; }
        public long Seq { get; init; }
        public Guid? ClientMessageId { get; init; }
        public ParticipantType SenderType { get; init; }
        public long SenderId { get; init; }
        public string? SenderName { get; init; }
        public MessageType MessageType { get; init; }
        public string? Content { get; init; }
        public string? MediaUrl { get; init; }
        public string? FileName { get; init; }
        public string? FileType { get; init; }
        public long? FileSize { get; init; }
        public string? ThumbnailUrl { get; init; }
        public long? DurationMs { get; init; }
        public long? ReplyToMessageId { get; init; }
        public string? EntityType { get; init; }
        public long? EntityId { get; init; }
        public string? EntityTitle { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? EditedAt { get; init; }
        public bool IsDeleted { get; init; }
        public DateTime? DeletedAt { get; init; }
    }
}
