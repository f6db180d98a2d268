using CleanChat.Application.Chats;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Messages.Queries.SearchMessages;

/// <summary>
/// Messages with all the words of <see cref="Query"/>, in the chats the caller may see (their own; a salon
/// admin's: the salon's), each with a snippet of its text around the matches. Up to
/// <see cref="RankedLimit"/> matches are ranked best first; a query matching more is too unspecific for a
/// ranking to mean much (and ranking hundreds of thousands of rows would cost seconds), so its matches come
/// newest first, as chat apps list them. Counting stops at <see cref="CountLimit"/>.
/// </summary>
[Authorize]
public sealed record SearchMessagesQuery(string? Query, int Page = 1, int PageSize = SearchMessagesQuery.DefaultPageSize) : IRequest<MessageSearchPage>
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxDepth = 10_000;
    public const int MaxQueryLength = 200;
    public const int RankedLimit = 1_000;
    public const int CountLimit = 10_000;
}

/// <param name="Snippet">Plain text, HTML-escaped, with each matched word between &lt;mark&gt; and &lt;/mark&gt;.</param>
public sealed record MessageSearchResult(long ChatId, MessageDto Message, string Snippet);

/// <param name="TotalCapped">More messages match than <paramref name="Total"/>: counting stopped there.</param>
/// <param name="Order">How <paramref name="Results"/> are ordered: by relevance, or newest first when there are too many matches to rank.</param>
public sealed record MessageSearchPage(IReadOnlyList<MessageSearchResult> Results, int Total, bool TotalCapped, SearchOrder Order, int Page, int PageSize);

public sealed class SearchMessagesQueryValidator : AbstractValidator<SearchMessagesQuery>
{
    public SearchMessagesQueryValidator()
    {
        RuleFor(q => q.Query).NotEmpty().MaximumLength(SearchMessagesQuery.MaxQueryLength)
            .Must(q => SearchTerms.Parse(q) is not null).WithMessage("Give at least one word (letters or digits) to search for.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, SearchMessagesQuery.MaxPageSize);
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1)
            .Must((q, page) => (long)(page - 1) * q.PageSize < SearchMessagesQuery.MaxDepth)
            .WithMessage($"Search results go {SearchMessagesQuery.MaxDepth:N0} deep; add words to narrow the search.");
    }
}

internal sealed class SearchMessagesQueryHandler : IRequestHandler<SearchMessagesQuery, MessageSearchPage>
{
    private readonly IChatReadModel _read;
    private readonly IMessageSearch _search;
    private readonly ICurrentCaller _currentCaller;

    public SearchMessagesQueryHandler(IChatReadModel read, IMessageSearch search, ICurrentCaller currentCaller)
    {
        _read = read;
        _search = search;
        _currentCaller = currentCaller;
    }

    public async Task<MessageSearchPage> Handle(SearchMessagesQuery request, CancellationToken cancellationToken)
    {
        var terms = SearchTerms.Parse(request.Query) ?? throw new RequestValidationException(nameof(request.Query), "Give at least one word to search for.");
        var scope = await ScopeOfAsync(_currentCaller.Required(), cancellationToken);
        if (scope.IsEmpty)
            return new MessageSearchPage(Array.Empty<MessageSearchResult>(), 0, false, SearchOrder.Relevance, request.Page, request.PageSize);

        var skip = (request.Page - 1) * request.PageSize;
        if (await _search.AllMatchesAsync(terms, scope, SearchMessagesQuery.RankedLimit, cancellationToken) is { } all)
        {
            var ranked = MatchRelevance.Rank(all).Skip(skip).Take(request.PageSize).ToList();
            var results = await WithMessagesAsync(ranked, cancellationToken);
            return new MessageSearchPage(results, all.Count, false, SearchOrder.Relevance, request.Page, request.PageSize);
        }

        var counted = await _search.CountAsync(terms, scope, SearchMessagesQuery.CountLimit + 1, cancellationToken);
        var newest = (await _search.NewestAsync(terms, scope, skip, request.PageSize, cancellationToken))
            .Select(m => (m.MessageId, MarkedText.Parse(m.Marked))).ToList();
        return new MessageSearchPage(await WithMessagesAsync(newest, cancellationToken), Math.Min(counted, SearchMessagesQuery.CountLimit),
            counted > SearchMessagesQuery.CountLimit, SearchOrder.Newest, request.Page, request.PageSize);
    }

    // A salon admin sees every chat of the salon: one business-wide scope instead of a list of its chats.
    private async Task<SearchScope> ScopeOfAsync(Caller caller, CancellationToken cancellationToken) =>
        caller is { IsSalonAdmin: true, SalonId: { } salonId }
            ? new SearchScope([salonId], [])
            : new SearchScope([], await VisibleChats.For(_read, caller).Select(c => c.Id).ToListAsync(cancellationToken));

    private async Task<IReadOnlyList<MessageSearchResult>> WithMessagesAsync(IReadOnlyList<(long MessageId, MarkedText Text)> page, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
            return Array.Empty<MessageSearchResult>();

        var ids = page.Select(h => h.MessageId).ToList();
        var messages = (await MessageProjection.ToDtosAsync(_read, _read.Messages.Where(m => ids.Contains(m.Id)), chatIds: null, cancellationToken))
            .ToDictionary(m => m.Id);
        return page
            .Where(h => messages.ContainsKey(h.MessageId))
            .Select(h => new MessageSearchResult(messages[h.MessageId].ChatId, messages[h.MessageId], SearchTerms.ToMarkedHtml(h.Text.Snippet())))
            .ToList();
    }
}
