using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Riok.Mapperly.Abstractions;

namespace CleanChat.Application.Chats;

/// <summary>
/// Reads chats as DTOs in two queries whatever their number: the chats with their counters and last
/// message, then all their participants with names and unread counts. Presence comes from memory.
/// </summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
internal static partial class ChatProjection
{
    public const int PreviewLength = 100;

    public static async Task<IReadOnlyList<ChatDto>> ToDtosAsync(IChatReadModel read, IQueryable<Chat> chats, Caller caller, IPresenceTracker presence, CancellationToken cancellationToken)
    {
        // Queryables used inside the projections are held in locals: EF Core reads a captured local as a
        // plain value, but compiles a delegate on every execution to evaluate a property call like read.Messages.
        var messages = read.Messages;
        var participantRows = read.Participants;
        var staffUsers = read.StaffUsers;
        var customers = read.Customers;
        var meType = caller.Participant.Type;
        var meId = caller.Participant.Id;

        var rows = await chats
            .Select(c => new ChatRow
            {
                Id = c.Id,
                Type = c.Type,
                SalonId = c.SalonId,
                Title = c.Title,
                ContextType = c.Context!.Type,
                ContextId = c.Context.Id,
                ContextTitle = c.Context.Title,
                IsActive = c.IsActive,
                IsArchived = c.IsArchived,
                LastMessageAt = c.LastMessageAt,
                CreatedAt = c.CreatedAt,
                UpdatedAt = c.UpdatedAt,
                TotalMessages = messages.Count(m => m.ChatId == c.Id),
                LastSeq = messages.Where(m => m.ChatId == c.Id).Max(m => (long?)m.Seq) ?? 0,

                // Scalar subqueries (SQLite has no lateral joins); each is one step down the (chat_id, seq) index.
                LastMessageType = messages.Where(m => m.ChatId == c.Id).OrderByDescending(m => m.Seq)
                    .Select(m => (MessageType?)m.MessageType).FirstOrDefault(),
                LastMessageIsDeleted = messages.Where(m => m.ChatId == c.Id).OrderByDescending(m => m.Seq)
                    .Select(m => m.IsDeleted).FirstOrDefault(),
                LastMessageContent = messages.Where(m => m.ChatId == c.Id).OrderByDescending(m => m.Seq)
                    .Select(m => m.IsDeleted ? null : m.Content).FirstOrDefault(),

                // The caller's unread: others' visible messages past the caller's read pointer. In the same
                // statement as LastSeq, so both describe one moment: a client that counts frames after
                // last_seq on top of it never counts a message twice.
                CallersUnread = participantRows
                    .Where(p => p.ChatId == c.Id && p.ParticipantType == meType && p.ParticipantId == meId && p.IsActive)
                    .Select(p => messages.Count(m => m.ChatId == c.Id
                        && m.Seq > (messages.Where(r => r.Id == p.LastReadMessageId).Select(r => (long?)r.Seq).FirstOrDefault() ?? 0)
                        && !m.IsDeleted
                        && !(m.SenderType == meType && m.SenderId == meId)))
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
            return Array.Empty<ChatDto>();

        var chatIds = rows.Select(r => r.Id).ToList();
        var participants = (await read.Participants
            .Where(p => chatIds.Contains(p.ChatId))
            .OrderBy(p => p.Id)
            .Select(p => new ParticipantRow
            {
                ChatId = p.ChatId,
                Type = p.ParticipantType,
                Id = p.ParticipantId,
                JoinedAt = p.JoinedAt,
                IsActive = p.IsActive,
                LastReadMessageId = p.LastReadMessageId,
                LastReadAt = p.LastReadAt,
                Name = p.ParticipantType == ParticipantType.User
                    ? staffUsers.Where(u => u.Id == p.ParticipantId).Select(u => u.DisplayName).FirstOrDefault()
                    : customers.Where(u => u.Id == p.ParticipantId).Select(u => u.DisplayName).FirstOrDefault(),
                Email = p.ParticipantType == ParticipantType.User
                    ? staffUsers.Where(u => u.Id == p.ParticipantId).Select(u => u.Email).FirstOrDefault()
                    : customers.Where(u => u.Id == p.ParticipantId).Select(u => u.Email).FirstOrDefault(),
                Phone = p.ParticipantType == ParticipantType.Customer
                    ? customers.Where(u => u.Id == p.ParticipantId).Select(u => u.PhoneNumber).FirstOrDefault()
                    : null,

                // Each participant's unread: others' visible messages past its read pointer (its place in the chat).
                UnreadCount = messages.Count(m => m.ChatId == p.ChatId
                    && m.Seq > (messages.Where(r => r.Id == p.LastReadMessageId).Select(r => (long?)r.Seq).FirstOrDefault() ?? 0)
                    && !m.IsDeleted
                    && !(m.SenderType == p.ParticipantType && m.SenderId == p.ParticipantId)),
            })
            .ToListAsync(cancellationToken))
            .ToLookup(p => p.ChatId);

        return rows.Select(row => ToDto(row, participants[row.Id].ToList(), caller, presence)).ToList();
    }

    private static ChatDto ToDto(ChatRow row, IReadOnlyList<ParticipantRow> participants, Caller caller, IPresenceTracker presence)
    {
        var participantDtos = participants
            .Select(p => ToDto(p, name: p.Name ?? p.Phone, isOnline: p.IsActive && presence.IsOnline(new ParticipantRef(p.Type, p.Id))))
            .ToList();
        return ToDto(
            row,
            lastMessagePreview: Preview(row),
            participants: participantDtos,
            unreadCount: row.CallersUnread,
            onlineParticipants: participantDtos.Where(p => p.IsOnline).Select(p => p.ParticipantId).ToList(),
            context: row.ContextType is null ? null : new ChatContextDto(row.ContextType, row.ContextId, row.ContextTitle));
    }

    // The copied members are generated (an unmapped DTO member fails the build); the rest are computed above.
    [MapProperty(nameof(ChatRow.Type), nameof(ChatDto.ChatType))]
    [MapperIgnoreSource(nameof(ChatRow.ContextType))]
    [MapperIgnoreSource(nameof(ChatRow.ContextId))]
    [MapperIgnoreSource(nameof(ChatRow.ContextTitle))]
    [MapperIgnoreSource(nameof(ChatRow.CallersUnread))]
    private static partial ChatDto ToDto(ChatRow row, string? lastMessagePreview, IReadOnlyList<ParticipantDto> participants, int unreadCount, IReadOnlyList<long> onlineParticipants, ChatContextDto? context);

    [MapProperty(nameof(ParticipantRow.Type), nameof(ParticipantDto.ParticipantType))]
    [MapProperty(nameof(ParticipantRow.Id), nameof(ParticipantDto.ParticipantId))]
    [MapperIgnoreSource(nameof(ParticipantRow.Name))]
    private static partial ParticipantDto ToDto(ParticipantRow row, string? name, bool isOnline);

    private static string? Preview(ChatRow row) => row switch
    {
        { LastMessageType: null } => null,
        { LastMessageIsDeleted: true } => "Message deleted",
        { LastMessageContent: { Length: > PreviewLength } content } => string.Concat(content.AsSpan(0, PreviewLength - 1), "…"),
        { LastMessageContent: { } content } => content,
        _ => row.LastMessageType switch
        {
            MessageType.Image => "Photo",
            MessageType.Voice => "Voice message",
            MessageType.File => "File",
            _ => null,
        },
    };

    private sealed class ChatRow
    {
        public long Id { get; init; }
        public ChatType Type { get; init; }
        public long? SalonId { get; init; }
        public string? Title { get; init; }
        public string? ContextType { get; init; }
        public long? ContextId { get; init; }
        public string? ContextTitle { get; init; }
        public bool IsActive { get; init; }
        public bool IsArchived { get; init; }
        public DateTime? LastMessageAt { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public int TotalMessages { get; init; }
        public long LastSeq { get; init; }
        public MessageType? LastMessageType { get; init; }
        public bool LastMessageIsDeleted { get; init; }
        public string? LastMessageContent { get; init; }
        public int CallersUnread { get; init; }
    }

    private sealed class ParticipantRow
    {
        public long ChatId { get; init; }
        public ParticipantType Type { get; init; }
        public long Id { get; init; }
        public DateTime JoinedAt { get; init; }
        public bool IsActive { get; init; }
        public long? LastReadMessageId { get; init; }
        public DateTime? LastReadAt { get; init; }
        public string? Name { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public int UnreadCount { get; init; }
    }
}
