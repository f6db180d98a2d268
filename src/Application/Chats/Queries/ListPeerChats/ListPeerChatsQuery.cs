using CleanChat.Application.Chats.Queries.ListChats;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Application.Common.Validation;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Chats.Queries.ListPeerChats;

/// <summary>
/// The caller's peer chats, most recently active first, with the total for paging. <see cref="ContextType"/>
/// keeps one kind; <see cref="Search"/> keeps chats whose other member's name, context title or a
/// message's text contains it (case-insensitive for ASCII letters).
/// </summary>
[Authorize(Callers.Customer)]
public sealed record ListPeerChatsQuery(int Page = 1, int PageSize = ListChatsPaging.DefaultPageSize, string? ContextType = null, string? Search = null)
    : IRequest<PeerChatPage>
{
    public const int MaxSearchLength = 100;
}

public sealed class ListPeerChatsQueryValidator : AbstractValidator<ListPeerChatsQuery>
{
    public ListPeerChatsQueryValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 10_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListChatsPaging.MaxPageSize);
        RuleFor(q => q.ContextType).MaximumLength(ChatContext.MaxTypeLength);
        RuleFor(q => q.Search).MaximumLength(ListPeerChatsQuery.MaxSearchLength);
    }
}

internal sealed class ListPeerChatsQueryHandler : IRequestHandler<ListPeerChatsQuery, PeerChatPage>
{
    private readonly IChatReadModel _read;
    private readonly ICurrentCaller _currentCaller;
    private readonly IPresenceTracker _presence;
    private readonly IMessageSearch _search;

    public ListPeerChatsQueryHandler(IChatReadModel read, ICurrentCaller currentCaller, IPresenceTracker presence, IMessageSearch search)
    {
        _read = read;
        _search = search;
        _currentCaller = currentCaller;
        _presence = presence;
    }

    public async Task<PeerChatPage> Handle(ListPeerChatsQuery request, CancellationToken cancellationToken)
    {
        var caller = _currentCaller.Required();
        var chats = VisibleChats.For(_read, caller).Where(c => c.Type == ChatType.CustomerCustomer);
        if (!string.IsNullOrWhiteSpace(request.ContextType))
        {
            var type = request.ContextType.Trim().ToLowerInvariant();
            chats = chats.Where(c => c.Context!.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(request.Search))
            chats = await MatchingAsync(chats, request.Search.Trim(), caller.Participant, cancellationToken);

        var total = await chats.CountAsync(cancellationToken);
        var page = chats
            .OrderByDescending(c => c.LastMessageAt ?? c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip((request.Page - 1) * request.PageSize)
            .Take(request.PageSize);
        var found = await PeerChatReader.ReadAsync(_read, page, caller, _presence, cancellationToken);
        return new PeerChatPage(found, total, request.Page, request.PageSize);
    }

    private async Task<IQueryable<Chat>> MatchingAsync(IQueryable<Chat> chats, string search, ParticipantRef me, CancellationToken cancellationToken)
    {
        var pattern = $"%{LikePattern.Escape(search)}%";
        var lowerPattern = pattern.ToLowerInvariant();
        var participants = _read.Participants; // locals, so EF reads them as values (see ChatProjection)
        var customers = _read.Customers;

        // Names and titles are short: a substring match, ignoring case, will do. Message text goes through the
        // word index. LIKE ignores case on SQLite (ASCII letters) but not on PostgreSQL, whose lower() knows
        // every alphabet; SQLite's lower() knows ASCII only, so there the plain LIKE keeps other letters matching as typed.
        var byNameOrTitle = chats.Where(c =>
            EF.Functions.Like(c.Context!.Title, pattern, LikePattern.EscapeCharacter)
            || EF.Functions.Like(c.Context!.Title!.ToLower(), lowerPattern, LikePattern.EscapeCharacter)
            || participants.Any(p => p.ChatId == c.Id && !(p.ParticipantType == me.Type && p.ParticipantId == me.Id)
                && customers.Any(u => u.Id == p.ParticipantId && (EF.Functions.Like(u.DisplayName, pattern, LikePattern.EscapeCharacter)
                    || EF.Functions.Like(u.DisplayName!.ToLower(), lowerPattern, LikePattern.EscapeCharacter)))));
        if (SearchTerms.Parse(search) is not { } terms)
            return byNameOrTitle;

        // One probe of the word index per conversation of the caller's: bounded by their own conversations,
        // however common the words are across the whole service.
        var byText = await _search.ChatsWithMatchesAsync(terms, await chats.Select(c => c.Id).ToListAsync(cancellationToken), cancellationToken);
        return chats.Where(c => byNameOrTitle.Any(n => n.Id == c.Id) || byText.Contains(c.Id));
    }
}
