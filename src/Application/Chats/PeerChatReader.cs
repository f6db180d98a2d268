using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Application.Messages;
using CleanChat.Domain.Chats;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Chats;

/// <summary>Reads peer chats with their other member and latest message, in a fixed number of queries.</summary>
internal static class PeerChatReader
{
    public static async Task<IReadOnlyList<PeerChatDto>> ReadAsync(IChatReadModel read, IQueryable<Chat> chats, Caller caller, IPresenceTracker presence, CancellationToken cancellationToken)
    {
        var dtos = await ChatProjection.ToDtosAsync(read, chats, caller, presence, cancellationToken);
        if (dtos.Count == 0)
            return Array.Empty<PeerChatDto>();

        // The latest message of each chat: one step down the (chat_id, seq) index per chat.
        var latest = dtos.Where(c => c.LastSeq > 0).Select(c => (c.Id, c.LastSeq)).ToList();
        var chatIds = latest.Select(l => l.Id).ToList();
        var seqs = latest.Select(l => l.LastSeq).ToList();
        var candidates = read.Messages.Where(m => chatIds.Contains(m.ChatId) && seqs.Contains(m.Seq));
        var lastMessages = chatIds.Count == 0
            ? new Dictionary<long, MessageDto>()
            : (await MessageProjection.ToDtosAsync(read, candidates, chatIds, cancellationToken))
                .Where(m => latest.Contains((m.ChatId, m.Seq)))
                .ToDictionary(m => m.ChatId);

        var me = caller.Participant;
        return dtos.Select(chat => new PeerChatDto(
            chat,
            chat.Participants.FirstOrDefault(p => !(p.ParticipantType == me.Type && p.ParticipantId == me.Id)),
            lastMessages.GetValueOrDefault(chat.Id))).ToList();
    }
}
