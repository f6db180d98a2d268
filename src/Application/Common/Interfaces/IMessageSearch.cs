namespace CleanChat.Application.Common.Interfaces;

/// <summary>
/// Full-text search over message text (the store's word index, kept in the same transaction as the
/// messages; deleted messages are not in it, edits replace their words). Queries are composable: they
/// become part of the caller's SQL, scoped there to what the caller may see.
/// </summary>
public interface IMessageSearch
{
    /// <summary>Every message whose text has all the words (each also as a word's beginning), best first.</summary>
    IQueryable<MessageSearchHit> Matching(SearchTerms terms);
}

/// <param name="Snippet">The text around the matches, each matched word between <see cref="SearchTerms.MatchStart"/> and <see cref="SearchTerms.MatchEnd"/>.</param>
/// <param name="Rank">Lower is better.</param>
public sealed record MessageSearchHit(long MessageId, long ChatId, double Rank, string Snippet);
