namespace CleanChat.Application.Common.Interfaces;

/// <summary>
/// Full-text search over message text: the store's word index, kept in the same transaction as the
/// messages (deleted messages are not in it, edits replace their words), and scoped inside the index to
/// the chats a caller may see, so a search costs what the caller's own matches cost.
/// </summary>
public interface IMessageSearch
{
    /// <summary>Every match in <paramref name="scope"/>, or null when there are more than <paramref name="upTo"/>.</summary>
    Task<IReadOnlyList<MarkedMatch>?> AllMatchesAsync(SearchTerms terms, SearchScope scope, int upTo, CancellationToken cancellationToken);

    /// <summary>How many messages in <paramref name="scope"/> have all the words, counting no further than <paramref name="limit"/>.</summary>
    Task<int> CountAsync(SearchTerms terms, SearchScope scope, int limit, CancellationToken cancellationToken);

    /// <summary>One page of the matches in <paramref name="scope"/>, newest first.</summary>
    Task<IReadOnlyList<MarkedMatch>> NewestAsync(SearchTerms terms, SearchScope scope, int skip, int take, CancellationToken cancellationToken);

    /// <summary>The ids of the matching messages of one chat, to compose into a history query.</summary>
    IQueryable<long> MatchingIdsInChat(SearchTerms terms, long chatId);

    /// <summary>Which of <paramref name="chatIds"/> hold at least one matching message (one cheap index probe per chat).</summary>
    Task<IReadOnlyList<long>> ChatsWithMatchesAsync(SearchTerms terms, IReadOnlyCollection<long> chatIds, CancellationToken cancellationToken);
}

/// <summary>Where to search: every chat of these businesses, plus these chats.</summary>
public sealed record SearchScope(IReadOnlyCollection<long> SalonIds, IReadOnlyCollection<long> ChatIds)
{
    public bool IsEmpty => SalonIds.Count == 0 && ChatIds.Count == 0;
}

/// <param name="Marked">The message's text with each matched word between <see cref="SearchTerms.MatchStart"/> and <see cref="SearchTerms.MatchEnd"/>.</param>
public sealed record MarkedMatch(long MessageId, string Marked);
