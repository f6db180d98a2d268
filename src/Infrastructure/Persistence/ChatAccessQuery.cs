using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>One indexed query per check: the chat's salon and whether the caller is an active member.</summary>
internal sealed class ChatAccessQuery : IChatAccessQuery
{
    private readonly ChatDbContext _db;

    public ChatAccessQuery(ChatDbContext db) => _db = db;

    public Task<ChatAccessInfo?> ForChatAsync(long chatId, ParticipantRef caller, CancellationToken cancellationToken) =>
        _db.Chats.AsNoTracking()
            .Where(c => c.Id == chatId)
            .Select(c => new ChatAccessInfo(c.Id, c.SalonId, _db.ChatParticipants.Any(p =>
                p.ChatId == c.Id && p.IsActive && p.ParticipantType == caller.Type && p.ParticipantId == caller.Id)))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<ChatAccessInfo?> ForMessageAsync(long messageId, ParticipantRef caller, CancellationToken cancellationToken) =>
        _db.ChatMessages.AsNoTracking()
            .Where(m => m.Id == messageId)
            .Join(_db.Chats, m => m.ChatId, c => c.Id, (m, c) => c)
            .Select(c => new ChatAccessInfo(c.Id, c.SalonId, _db.ChatParticipants.Any(p =>
                p.ChatId == c.Id && p.IsActive && p.ParticipantType == caller.Type && p.ParticipantId == caller.Id)))
            .FirstOrDefaultAsync(cancellationToken);
}
