using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Chats.Queries.GetChatStats;

/// <summary>Counters over the chats the caller may list (a salon admin: the whole salon).</summary>
[Authorize]
public sealed record GetChatStatsQuery : IRequest<ChatStatsDto>;

public sealed record ChatStatsDto(int TotalChats, int ActiveChats, int ArchivedChats, int UnreadMessages, int ChatsWithUnread, int OnlineParticipants);

internal sealed class GetChatStatsQueryHandler : IRequestHandler<GetChatStatsQuery, ChatStatsDto>
{
    private readonly IChatReadModel _read;
    private readonly ICurrentCaller _currentCaller;
    private readonly IPresenceTracker _presence;

    public GetChatStatsQueryHandler(IChatReadModel read, ICurrentCaller currentCaller, IPresenceTracker presence)
    {
        _read = read;
        _currentCaller = currentCaller;
        _presence = presence;
    }

    public async Task<ChatStatsDto> Handle(GetChatStatsQuery request, CancellationToken cancellationToken)
    {
        var caller = _currentCaller.Required();
        var me = caller.Participant;
        var chats = VisibleChats.For(_read, caller);
        var participants = _read.Participants;
        var messages = _read.Messages;

        var perChat = await chats
            .Select(c => new
            {
                c.IsArchived,
                Unread = participants
                    .Where(p => p.ChatId == c.Id && p.IsActive && p.ParticipantType == me.Type && p.ParticipantId == me.Id)
                    .Select(p => messages.Count(m => m.ChatId == c.Id
                        && m.Seq > (messages.Where(r => r.Id == p.LastReadMessageId).Select(r => (long?)r.Seq).FirstOrDefault() ?? 0)
                        && !m.IsDeleted
                        && !(m.SenderType == me.Type && m.SenderId == me.Id)))
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var others = await _read.Participants
            .Where(p => p.IsActive && chats.Any(c => c.Id == p.ChatId) && !(p.ParticipantType == me.Type && p.ParticipantId == me.Id))
            .Select(p => new { p.ParticipantType, p.ParticipantId })
            .Distinct()
            .ToListAsync(cancellationToken);

        return new ChatStatsDto(
            TotalChats: perChat.Count,
            ActiveChats: perChat.Count(c => !c.IsArchived),
            ArchivedChats: perChat.Count(c => c.IsArchived),
            UnreadMessages: perChat.Sum(c => c.Unread),
            ChatsWithUnread: perChat.Count(c => c.Unread > 0),
            OnlineParticipants: others.Count(p => _presence.IsOnline(new ParticipantRef(p.ParticipantType, p.ParticipantId))));
    }
}
