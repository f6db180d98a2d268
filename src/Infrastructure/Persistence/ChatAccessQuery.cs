using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>One indexed query per check: the chat's salon and whether the caller is an active member.</summary>
internal sealed class ChatAccessQuery : IChatAccessQuery
{
    private readonly ChatDbContext _db;

    public ChatAccessQuery(ChatDbContext db) => _db = db;

    // Sets are taken into locals first: EF reads a captured local as a value, but compiles a delegate on
    // every execution to evaluate a property of a captured object (such as _db.ChatParticipants).
    public Task<ChatAccessInfo?> ForChatAsync(long chatId, ParticipantRef caller, CancellationToken cancellationToken)
    {
        var participants = _db.ChatParticipants;
        var (type, id) = (caller.Type, caller.Id);
        return _db.Chats.AsNoTracking()
            .Where(c => c.Id == chatId)
            .Select(c => new ChatAccessInfo(c.Id, c.SalonId, participants.Any(p =>
                p.ChatId == c.Id && p.IsActive && p.ParticipantType == type && p.ParticipantId == id)))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public Task<ChatAccessInfo?> ForMessageAsync(long messageId, ParticipantRef caller, CancellationToken cancellationToken)
    {
        var participants = _db.ChatParticipants;
        var chats = _db.Chats;
        var (type, id) = (caller.Type, caller.Id);
        return _db.ChatMessages.AsNoTracking()
            .Where(m => m.Id == messageId)
            .Join(chats, m => m.ChatId, c => c.Id, (m, c) => c)
            .Select(c => new ChatAccessInfo(c.Id, c.SalonId, participants.Any(p =>
                p.ChatId == c.Id && p.IsActive && p.ParticipantType == type && p.ParticipantId == id)))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
