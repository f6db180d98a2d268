using System.Text.Json;
using CleanChat.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence.Messages;

/// <summary>
/// Message search on the FTS5 index the <c>MessageSearchScope</c> migration keeps. The words become quoted
/// prefixes on the content column (<c>content:("box"* "blue"*)</c>: all of them, each as a word or a word's
/// start; words under three letters only as words), so nothing typed is read as FTS syntax; the scope
/// becomes index tokens on the scope column (<c>scope:("s1" OR "c5")</c>), so the index itself only walks
/// the caller's messages. Matches come
/// back with their matched words marked (FTS5 highlight); ranking them is the application's.
/// </summary>
internal sealed class SqliteMessageSearch : IMessageSearch
{
    // FTS5 advances every branch of an OR at each step, so an OR of 500 chats cost 70 ms on 1M messages;
    // but each query also pays for loading long word lists again, so parts of 100 (13 ms for a common
    // word) beat more, narrower queries. Larger scopes run as several queries of this many chats.
    internal const int DefaultChatsPerQuery = 100;

    // The index's prefix index is of 3 characters (migration MessageSearchScope).
    private const int MinPrefixLength = 3;

    // Up to this many messages with the words anywhere, filtering them by chat beats scope tokens (measured
    // on 1M messages: two words in 300 messages, 100 chats: 10 ms filtered, 66 ms as four scoped queries).
    internal const int DefaultFilterLimit = 5_000;

    private readonly ChatDbContext _db;

    private readonly int _filterLimit;
    private readonly int _chatsPerQuery;
    private (SearchTerms Terms, SearchScope Scope, IReadOnlyList<SearchPart> Parts)? _lastPlan;

    public SqliteMessageSearch(ChatDbContext db)
        : this(db, DefaultFilterLimit, DefaultChatsPerQuery)
    {
    }

    internal SqliteMessageSearch(ChatDbContext db, int filterLimit, int chatsPerQuery)
    {
        _db = db;
        _filterLimit = filterLimit;
        _chatsPerQuery = chatsPerQuery;
    }

    public async Task<int> CountAsync(SearchTerms terms, SearchScope scope, int limit, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var part in await PartsAsync(terms, scope, cancellationToken))
        {
            var left = limit - total;
            total += await (part.ChatIds is { } ids
                ? _db.Database.SqlQuery<int>($"""
                    SELECT count(*) AS Value FROM (
                        SELECT 1 FROM message_search AS s CROSS JOIN chat_messages AS m ON m.id = s.rowid
                        WHERE message_search MATCH {part.Match} AND m.chat_id IN (SELECT value FROM json_each({ids})) LIMIT {left})
                    """)
                : _db.Database.SqlQuery<int>($"""
                    SELECT count(*) AS Value FROM (SELECT 1 FROM message_search WHERE message_search MATCH {part.Match} LIMIT {left})
                    """)).SingleAsync(cancellationToken);
            if (total >= limit)
                break;
        }

        return total;
    }

    public async Task<IReadOnlyList<MarkedMatch>?> AllMatchesAsync(SearchTerms terms, SearchScope scope, int upTo, CancellationToken cancellationToken)
    {
        var matches = new List<MarkedMatch>();
        foreach (var part in await PartsAsync(terms, scope, cancellationToken))
        {
            // One more than is wanted tells there are too many, without reading them all.
            var left = upTo + 1 - matches.Count;
            matches.AddRange(await (part.ChatIds is { } ids
                ? _db.Database.SqlQuery<MarkedMatch>($"""
                    SELECT s.rowid AS MessageId, highlight(message_search, 0, char(2), char(3)) AS Marked
                    FROM message_search AS s CROSS JOIN chat_messages AS m ON m.id = s.rowid
                    WHERE message_search MATCH {part.Match} AND m.chat_id IN (SELECT value FROM json_each({ids})) LIMIT {left}
                    """)
                : _db.Database.SqlQuery<MarkedMatch>($"""
                    SELECT rowid AS MessageId, highlight(message_search, 0, char(2), char(3)) AS Marked FROM message_search
                    WHERE message_search MATCH {part.Match} LIMIT {left}
                    """)).ToListAsync(cancellationToken));
            if (matches.Count > upTo)
                return null;
        }

        return matches;
    }

    // Each part of the scope gives its newest skip + take; merging them gives the page the whole scope would.
    public async Task<IReadOnlyList<MarkedMatch>> NewestAsync(SearchTerms terms, SearchScope scope, int skip, int take, CancellationToken cancellationToken)
    {
        var wanted = skip + take;
        var candidates = new List<long>();
        foreach (var part in await PartsAsync(terms, scope, cancellationToken))
        {
            candidates.AddRange(await (part.ChatIds is { } ids
                ? _db.Database.SqlQuery<long>($"""
                    SELECT s.rowid AS Value FROM message_search AS s CROSS JOIN chat_messages AS m ON m.id = s.rowid
                    WHERE message_search MATCH {part.Match} AND m.chat_id IN (SELECT value FROM json_each({ids}))
                    ORDER BY s.rowid DESC LIMIT {wanted}
                    """)
                : _db.Database.SqlQuery<long>($"""
                    SELECT rowid AS Value FROM message_search WHERE message_search MATCH {part.Match} ORDER BY rowid DESC LIMIT {wanted}
                    """)).ToListAsync(cancellationToken));
        }

        var page = candidates.OrderDescending().Skip(skip).Take(take).ToList();
        return page.Count == 0 ? Array.Empty<MarkedMatch>() : await MarkedAsync(terms, page, cancellationToken);
    }

    public IQueryable<long> MatchingIdsInChat(SearchTerms terms, long chatId)
    {
        var match = MatchExpression(terms, $"\"c{chatId}\"");
        return _db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM message_search WHERE message_search MATCH {match}");
    }

    public async Task<IReadOnlyList<long>> ChatsWithMatchesAsync(SearchTerms terms, IReadOnlyCollection<long> chatIds, CancellationToken cancellationToken)
    {
        if (chatIds.Count == 0)
            return Array.Empty<long>();

        var words = $"{ContentExpression(terms)} AND scope:";
        var ids = JsonSerializer.Serialize(chatIds);
        return await _db.Database.SqlQuery<long>($"""
            SELECT j.value AS Value FROM json_each({ids}) AS j
            WHERE EXISTS (SELECT 1 FROM message_search WHERE message_search MATCH {words} || '"c' || j.value || '"')
            """).ToListAsync(cancellationToken);
    }

    // The page's marked texts, one index probe per message: the ids lead the join (CROSS JOIN keeps that
    // order), so the match is only evaluated at those rows, never over every message with the words.
    private async Task<IReadOnlyList<MarkedMatch>> MarkedAsync(SearchTerms terms, List<long> page, CancellationToken cancellationToken)
    {
        var match = ContentExpression(terms);
        var ids = JsonSerializer.Serialize(page);
        var found = await _db.Database.SqlQuery<MarkedMatch>($"""
            SELECT s.rowid AS MessageId, highlight(message_search, 0, char(2), char(3)) AS Marked
            FROM json_each({ids}) AS j CROSS JOIN message_search AS s ON s.rowid = j.value
            WHERE message_search MATCH {match}
            """).ToListAsync(cancellationToken);
        var byId = found.ToDictionary(h => h.MessageId);
        return page.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    /// <summary>
    /// How to search a scope. Scope tokens in the index cost a few milliseconds per query of up to
    /// <see cref="DefaultChatsPerQuery"/> chats, and every query pays again for long word lists (a short
    /// prefix loads every message with a word so beginning). A scope of several such queries therefore
    /// first asks how many messages have the words at all: if few, one query over those, keeping the
    /// caller's chats (json_each), is cheaper.
    /// </summary>
    private async Task<IReadOnlyList<SearchPart>> PartsAsync(SearchTerms terms, SearchScope scope, CancellationToken cancellationToken)
    {
        // A request counts, then pages, the same search: decide once.
        if (_lastPlan is { } plan && plan.Terms == terms && plan.Scope == scope)
            return plan.Parts;

        var parts = await ChoosePartsAsync(terms, scope, cancellationToken);
        _lastPlan = (terms, scope, parts);
        return parts;
    }

    private async Task<IReadOnlyList<SearchPart>> ChoosePartsAsync(SearchTerms terms, SearchScope scope, CancellationToken cancellationToken)
    {
        var parts = ScopedParts(terms, scope).ToList();
        if (parts.Count == 1 || scope.SalonIds.Count > 0)
            return parts;

        var words = ContentExpression(terms);
        var anywhere = await _db.Database.SqlQuery<int>($"""
            SELECT count(*) AS Value FROM (SELECT 1 FROM message_search WHERE message_search MATCH {words} LIMIT {_filterLimit + 1})
            """).SingleAsync(cancellationToken);
        return anywhere <= _filterLimit ? [new SearchPart(words, JsonSerializer.Serialize(scope.ChatIds))] : parts;
    }

    private IEnumerable<SearchPart> ScopedParts(SearchTerms terms, SearchScope scope)
    {
        var tokens = scope.SalonIds.Select(id => $"\"s{id}\"").ToList();
        foreach (var chunk in scope.ChatIds.Chunk(_chatsPerQuery))
        {
            yield return new SearchPart(MatchExpression(terms, string.Join(" OR ", tokens.Concat(chunk.Select(id => $"\"c{id}\"")))), null);
            tokens.Clear();
        }

        if (tokens.Count > 0)
            yield return new SearchPart(MatchExpression(terms, string.Join(" OR ", tokens)), null);
    }

    private static string MatchExpression(SearchTerms terms, string scopeTokens) => $"{ContentExpression(terms)} AND scope:({scopeTokens})";

    // SearchTerms holds letters and digits only, so a word between quotes is always a plain word. Words
    // of one or two letters match only themselves: as word starts they would match most of the index.
    private static string ContentExpression(SearchTerms terms) =>
        $"content:({string.Join(' ', terms.Words.Select(word => word.Length < MinPrefixLength ? $"\"{word}\"" : $"\"{word}\"*"))})";

    /// <param name="ChatIds">Null when <paramref name="Match"/> holds the scope; else the chats to keep, as a JSON array.</param>
    private sealed record SearchPart(string Match, string? ChatIds);
}
