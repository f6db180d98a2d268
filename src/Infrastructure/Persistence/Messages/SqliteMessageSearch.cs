using CleanChat.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence.Messages;

/// <summary>
/// Message search on the FTS5 index the <c>MessageSearchIndex</c> migration keeps. The words become an
/// FTS query of quoted prefixes (<c>"box"* "blue"*</c>: all of them, each as a word or a word's start), so
/// nothing typed is read as FTS syntax; ranking is FTS5's bm25.
/// </summary>
internal sealed class SqliteMessageSearch : IMessageSearch
{
    private readonly ChatDbContext _db;

    public SqliteMessageSearch(ChatDbContext db) => _db = db;

    public IQueryable<MessageSearchHit> Matching(SearchTerms terms)
    {
        var match = string.Join(' ', terms.Words.Select(word => $"\"{word}\"*"));
        return _db.Database.SqlQuery<MessageSearchHit>($"""
            SELECT s.rowid AS MessageId, m.chat_id AS ChatId, bm25(message_search) AS Rank,
                   snippet(message_search, 0, char(2), char(3), '…', 16) AS Snippet
            FROM message_search AS s JOIN chat_messages AS m ON m.id = s.rowid
            WHERE message_search MATCH {match}
            """);
    }
}
