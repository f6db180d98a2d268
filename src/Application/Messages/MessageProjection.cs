using System.Linq.Expressions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Messages;

/// <summary>
/// Reads messages as DTOs in a fixed number of queries: one for the messages (sender names joined in SQL),
/// one for the files of those that carry any (none for a page of text), and one for the chat's read
/// pointers, from which every message's read receipts follow.
/// </summary>
internal static class MessageProjection
{
    public static async Task<IReadOnlyList<MessageDto>> ToDtosAsync(IChatReadModel read, IQueryable<ChatMessage> messages, long chatId, CancellationToken cancellationToken)
    {
        var dtos = await messages.Select(AsDto(read)).ToListAsync(cancellationToken);
        if (dtos.Count == 0)
            return Array.Empty<MessageDto>();

        dtos = await WithAttachmentsAsync(read, dtos, cancellationToken);
        var readers = await ReadPointersAsync(read, chatId, cancellationToken);
        return dtos.Select(dto => MessageReceipts.Apply(dto, readers)).ToList();
    }

    /// <summary>Messages of several chats (a list's last messages), still in two queries.</summary>
    public static async Task<IReadOnlyList<MessageDto>> ToDtosAsync(IChatReadModel read, IQueryable<ChatMessage> messages, IReadOnlyCollection<long>? chatIds, CancellationToken cancellationToken)
    {
        var dtos = await messages.Select(AsDto(read)).ToListAsync(cancellationToken);
        if (dtos.Count == 0)
            return Array.Empty<MessageDto>();

        dtos = await WithAttachmentsAsync(read, dtos, cancellationToken);
        chatIds ??= dtos.Select(d => d.ChatId).Distinct().ToList();

        var readers = (await read.Participants
            .Where(p => chatIds.Contains(p.ChatId) && p.IsActive)
            .Select(p => new { p.ChatId, Pointer = new ParticipantPosition(p.ParticipantType, p.ParticipantId, p.LastReadMessageId ?? 0, p.LastReadAt, p.LastDeliveredMessageId ?? 0, p.LastDeliveredAt) })
            .ToListAsync(cancellationToken))
            .ToLookup(r => r.ChatId, r => r.Pointer);
        return dtos.Select(dto => MessageReceipts.Apply(dto, readers[dto.ChatId].ToList())).ToList();
    }

    public static async Task<MessageDto?> FindAsync(IChatReadModel read, long messageId, CancellationToken cancellationToken)
    {
        var dto = await read.Messages.Where(m => m.Id == messageId).Select(AsDto(read)).FirstOrDefaultAsync(cancellationToken);
        if (dto is null)
            return null;

        dto = (await WithAttachmentsAsync(read, [dto], cancellationToken))[0];
        return MessageReceipts.Apply(dto, await ReadPointersAsync(read, dto.ChatId, cancellationToken));
    }

    /// <summary>
    /// The DTO of a message just committed, without reading it back: nobody can have read it yet (read
    /// pointers only reach existing messages), so only the sender's name has to be looked up.
    /// </summary>
    public static async Task<MessageDto> ForNewMessageAsync(IParticipantProfiles profiles, ChatMessage message, CancellationToken cancellationToken) =>
        MessageMapper.ToDto(message, (await profiles.GetAsync(message.Sender, cancellationToken))?.Name);

    // The files of every message that can carry some and is not deleted, in one query for all of them.
    private static async Task<List<MessageDto>> WithAttachmentsAsync(IChatReadModel read, List<MessageDto> dtos, CancellationToken cancellationToken)
    {
        var ids = dtos.Where(d => d.MessageType is not (MessageType.Text or MessageType.System) && !d.IsDeleted).Select(d => d.Id).ToList();
        if (ids.Count == 0)
            return dtos;

        var files = (await read.Messages
            .Where(m => ids.Contains(m.Id))
            .SelectMany(m => m.Attachments, (m, a) => new
            {
                MessageId = m.Id,
                Position = EF.Property<int>(a, StoredAttachment.Position),
                File = new AttachmentDto(a.FileUrl, a.FileName, a.FileType, a.FileSize, a.ThumbnailUrl, a.DurationMs),
            })
            .ToListAsync(cancellationToken))
            .OrderBy(f => f.Position)
            .ToLookup(f => f.MessageId, f => f.File);
        return dtos.ConvertAll(d => files.Contains(d.Id) ? d with { Attachments = files[d.Id].ToList() } : d);
    }

    // Every active participant, read or not: a message's status needs to know who has not read it yet.
    private static Task<List<ParticipantPosition>> ReadPointersAsync(IChatReadModel read, long chatId, CancellationToken cancellationToken) =>
        read.Participants
            .Where(p => p.ChatId == chatId && p.IsActive)
            .Select(p => new ParticipantPosition(p.ParticipantType, p.ParticipantId, p.LastReadMessageId ?? 0, p.LastReadAt, p.LastDeliveredMessageId ?? 0, p.LastDeliveredAt))
            .ToListAsync(cancellationToken);

    // Every value here is decided by the database (the sender's name, what a deletion hides), so this stays
    // a hand-written expression; receipts are added afterwards from the chat's read pointers.
    private static Expression<Func<ChatMessage, MessageDto>> AsDto(IChatReadModel read)
    {
        // Locals, so EF reads them as values instead of compiling a delegate per execution (see ChatProjection).
        var staffUsers = read.StaffUsers;
        var customers = read.Customers;
        return m => new MessageDto
        {
            Id = m.Id,
            ChatId = m.ChatId,
            Seq = m.Seq,
            ClientMessageId = m.ClientMessageId,
            SenderType = m.SenderType,
            SenderUserId = m.SenderType == ParticipantType.User ? m.SenderId : null,
            SenderCustomerId = m.SenderType == ParticipantType.Customer ? m.SenderId : null,
            SenderName = m.SenderType == ParticipantType.User
                ? staffUsers.Where(u => u.Id == m.SenderId).Select(u => u.DisplayName).FirstOrDefault()
                : customers.Where(c => c.Id == m.SenderId).Select(c => c.DisplayName ?? c.PhoneNumber).FirstOrDefault(),
            MessageType = m.MessageType,

            // Decided in SQL, so a deleted message's text never even leaves the database.
            Content = m.IsDeleted ? null : m.Content,
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
}
