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
/// admin's: the salon's), best match first, each with a snippet of its text around the matches.
/// </summary>
[Authorize]
public sealed record SearchMessagesQuery(string? Query, int Page = 1, int PageSize = SearchMessagesQuery.DefaultPageSize) : IRequest<MessageSearchPage>
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxQueryLength = 200;
}

/// <param name="Snippet">Plain text, HTML-escaped, with each matched word between &lt;mark&gt; and &lt;/mark&gt;.</param>
public sealed record MessageSearchResult(long ChatId, MessageDto Message, string Snippet);

public sealed record MessageSearchPage(IReadOnlyList<MessageSearchResult> Results, int Total, int Page, int PageSize);

public sealed class SearchMessagesQueryValidator : AbstractValidator<SearchMessagesQuery>
{
    public SearchMessagesQueryValidator()
    {
        RuleFor(q => q.Query).NotEmpty().MaximumLength(SearchMessagesQuery.MaxQueryLength)
            .Must(q => SearchTerms.Parse(q) is not null).WithMessage("Give at least one word (letters or digits) to search for.");
        RuleFor(q => q.Page).InclusiveBetween(1, 1_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, SearchMessagesQuery.MaxPageSize);
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
        var visible = VisibleChats.For(_read, _currentCaller.Required()).Select(c => c.Id);
        var hits = _search.Matching(terms).Where(h => visible.Contains(h.ChatId));

        var total = await hits.CountAsync(cancellationToken);
        var page = await hits.OrderBy(h => h.Rank).ThenByDescending(h => h.MessageId)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .ToListAsync(cancellationToken);
        if (page.Count == 0)
            return new MessageSearchPage(Array.Empty<MessageSearchResult>(), total, request.Page, request.PageSize);

        var ids = page.Select(h => h.MessageId).ToList();
        var chatIds = page.Select(h => h.ChatId).Distinct().ToList();
        var messages = (await MessageProjection.ToDtosAsync(_read, _read.Messages.Where(m => ids.Contains(m.Id)), chatIds, cancellationToken))
            .ToDictionary(m => m.Id);
        var results = page
            .Where(h => messages.ContainsKey(h.MessageId))
            .Select(h => new MessageSearchResult(h.ChatId, messages[h.MessageId], SearchTerms.ToMarkedHtml(h.Snippet)))
            .ToList();
        return new MessageSearchPage(results, total, request.Page, request.PageSize);
    }
}
