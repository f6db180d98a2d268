using CleanChat.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence.Postgres;

/// <summary>
/// Message search on PostgreSQL's full-text search: a GIN index over each live message's words
/// (<c>to_tsvector('cleanchat_search', content)</c>, the configuration of the <c>PostgresInitialCreate</c>
/// migration: words as the text has them, lower-cased and without diacritics, like SQLite's FTS5 index).
/// Each word becomes a prefix in the query (<c>word:*</c>; words under three letters only as words), all of
/// them required; SearchTerms holds letters and digits only, so nothing typed is read as query syntax. The
/// scope is a condition on the chat, and the planner chooses between the word index and the chat's
/// message index by how common the words are. Matched words are marked by <c>ts_headline</c>, for the
/// page's messages only.
/// </summary>
internal sealed class PostgresMessageSearch : IMessageSearch
{
    private const int MinPrefixLength = 3;

    private readonly ChatDbContext _db;

    public PostgresMessageSearch(ChatDbContext db) => _db = db;

    public Task<int> CountAsync(SearchTerms terms, SearchScope scope, int limit, CancellationToken cancellationToken)
    {
        var (query, salonIds, chatIds) = (Query(terms), scope.SalonIds.ToArray(), scope.ChatIds.ToArray());
        return _db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM (
                SELECT 1 FROM chat_messages AS m
                WHERE to_tsvector('cleanchat_search', m.content) @@ to_tsquery('cleanchat_search', {query}) AND NOT m.is_deleted AND m.content IS NOT NULL
                  AND (m.chat_id = ANY({chatIds}) OR m.chat_id IN (SELECT c.id FROM chats AS c WHERE c.salon_id = ANY({salonIds})))
                LIMIT {limit}) AS found
            """).SingleAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MarkedMatch>?> AllMatchesAsync(SearchTerms terms, SearchScope scope, int upTo, CancellationToken cancellationToken)
    {
        // One more than is wanted tells there are too many, without marking any.
        var ids = await MatchingIdsAsync(terms, scope, skip: 0, take: upTo + 1, newestFirst: false, cancellationToken);
        return ids.Count > upTo ? null : await MarkedAsync(terms, ids, cancellationToken);
    }

    public async Task<IReadOnlyList<MarkedMatch>> NewestAsync(SearchTerms terms, SearchScope scope, int skip, int take, CancellationToken cancellationToken)
    {
        var page = await MatchingIdsAsync(terms, scope, skip, take, newestFirst: true, cancellationToken);
        return page.Count == 0 ? Array.Empty<MarkedMatch>() : await MarkedAsync(terms, page, cancellationToken);
    }

    public IQueryable<long> MatchingIdsInChat(SearchTerms terms, long chatId)
    {
        var query = Query(terms);
        return _db.Database.SqlQuery<long>($"""
            SELECT m.id AS "Value" FROM chat_messages AS m
            WHERE m.chat_id = {chatId} AND to_tsvector('cleanchat_search', m.content) @@ to_tsquery('cleanchat_search', {query})
              AND NOT m.is_deleted AND m.content IS NOT NULL
            """);
    }

    public async Task<IReadOnlyList<long>> ChatsWithMatchesAsync(SearchTerms terms, IReadOnlyCollection<long> chatIds, CancellationToken cancellationToken)
    {
        if (chatIds.Count == 0)
            return Array.Empty<long>();

        var (query, ids) = (Query(terms), chatIds.ToArray());
        return await _db.Database.SqlQuery<long>($"""
            SELECT c.id AS "Value" FROM unnest({ids}) AS c(id)
            WHERE EXISTS (SELECT 1 FROM chat_messages AS m
                          WHERE m.chat_id = c.id AND to_tsvector('cleanchat_search', m.content) @@ to_tsquery('cleanchat_search', {query})
                            AND NOT m.is_deleted AND m.content IS NOT NULL)
            """).ToListAsync(cancellationToken);
    }

    private async Task<List<long>> MatchingIdsAsync(SearchTerms terms, SearchScope scope, int skip, int take, bool newestFirst, CancellationToken cancellationToken)
    {
        var (query, salonIds, chatIds) = (Query(terms), scope.SalonIds.ToArray(), scope.ChatIds.ToArray());
        var matches = _db.Database.SqlQuery<long>($"""
            SELECT m.id AS "Value" FROM chat_messages AS m
            WHERE to_tsvector('cleanchat_search', m.content) @@ to_tsquery('cleanchat_search', {query}) AND NOT m.is_deleted AND m.content IS NOT NULL
              AND (m.chat_id = ANY({chatIds}) OR m.chat_id IN (SELECT c.id FROM chats AS c WHERE c.salon_id = ANY({salonIds})))
            """);
        return await (newestFirst ? matches.OrderByDescending(id => id) : matches.OrderBy(id => id)).Skip(skip).Take(take).ToListAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<MarkedMatch>> MarkedAsync(SearchTerms terms, List<long> page, CancellationToken cancellationToken)
    {
        var (query, ids) = (Query(terms), page.ToArray());
        var found = await _db.Database.SqlQuery<MarkedMatch>($"""
            SELECT m.id AS "MessageId",
                   ts_headline('cleanchat_search', m.content, to_tsquery('cleanchat_search', {query}),
                               format('StartSel=%s, StopSel=%s, HighlightAll=true', chr(2), chr(3))) AS "Marked"
            FROM chat_messages AS m WHERE m.id = ANY({ids})
            """).ToListAsync(cancellationToken);
        var byId = found.ToDictionary(h => h.MessageId);
        return page.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    // SearchTerms holds letters and digits only, so each word is a plain query word. Words of one or two
    // letters match only themselves: as word starts they would match most of the index.
    private static string Query(SearchTerms terms) =>
        string.Join(" & ", terms.Words.Select(word => word.Length < MinPrefixLength ? word : $"{word}:*"));
}
