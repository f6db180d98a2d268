using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// The chat's salon and whether the caller is an active member: from the chat directory for chat
/// requests (no query on the hot path), one indexed query for message requests.
/// </summary>
internal sealed class ChatAccessQuery : IChatAccessQuery
{
    private readonly ChatDbContext _db;
    private readonly IChatDirectory _chats;

    public ChatAccessQuery(ChatDbContext db, IChatDirectory chats)
    {
        _db = db;
        _chats = chats;
    }

    public async Task<ChatAccessInfo?> ForChatAsync(long chatId, ParticipantRef caller, CancellationToken cancellationToken) =>
        await _chats.FindAsync(chatId, cancellationToken) is { } chat
            ? new ChatAccessInfo(chat.Id, chat.SalonId, chat.IsActiveParticipant(caller), chat.IsFrontDesk)
            : null;

    // Sets are taken into locals first: EF reads a captured local as a value, but compiles a delegate on
    // every execution to evaluate a property of a captured object (such as _db.ChatParticipants).

    public Task<ChatAccessInfo?> ForMessageAsync(long messageId, ParticipantRef caller, CancellationToken cancellationToken)
    {
        var participants = _db.ChatParticipants;
        var chats = _db.Chats;
        var (type, id) = (caller.Type, caller.Id);
        return _db.ChatMessages.AsNoTracking()
            .Where(m => m.Id == messageId)
            .Join(chats, m => m.ChatId, c => c.Id, (m, c) => c)
            .Select(c => new ChatAccessInfo(c.Id, c.SalonId, participants.Any(p =>
                p.ChatId == c.Id && p.IsActive && p.ParticipantType == type && p.ParticipantId == id), c.IsFrontDesk))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
