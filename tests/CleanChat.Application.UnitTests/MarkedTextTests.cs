using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Messages.Queries.SearchMessages;

namespace CleanChat.Application.UnitTests;

/// <summary>Ranking and snippets of matched messages, from their text with the matched words marked.</summary>
public class MarkedTextTests
{
    private const char S = SearchTerms.MatchStart;
    private const char E = SearchTerms.MatchEnd;

    [Fact]
    public void Words_and_matched_words_are_counted()
    {
        var text = MarkedText.Parse($"Your {S}colour{E} at 5pm, {S}colour{E}ing too!");

        text.Words.ShouldBe(6);
        text.MatchedWords.ShouldBe(2);
    }

    [Fact]
    public void A_short_message_is_its_own_snippet()
    {
        MarkedText.Parse($"Your {S}colour{E} & cut").Snippet().ShouldBe($"Your {S}colour{E} & cut");
    }

    [Fact]
    public void A_long_message_is_cut_around_its_matches()
    {
        var words = Enumerable.Range(1, 40).Select(i => i == 30 ? $"{S}target{E}" : $"word{i}");
        var snippet = MarkedText.Parse(string.Join(' ', words)).Snippet(maxWords: 5);

        snippet.ShouldBe($"…word26 word27 word28 word29 {S}target{E}…");
    }

    [Fact]
    public void The_window_with_most_matches_wins()
    {
        var text = $"{S}a{E} x x x x x x {S}b{E} {S}c{E} x";
        MarkedText.Parse(text).Snippet(maxWords: 3).ShouldBe($"…x {S}b{E} {S}c{E}…");
    }

    [Fact]
    public void More_matches_in_fewer_words_rank_first_and_newer_first_among_equals()
    {
        var ranked = MatchRelevance.Rank([
            new MarkedMatch(1, $"the {S}colour{E} appointment is on friday at noon"),
            new MarkedMatch(2, $"{S}colour{E} {S}colour{E}"),
            new MarkedMatch(3, $"{S}colour{E} today"),
            new MarkedMatch(4, $"{S}colour{E} today"),
        ]).Select(m => m.MessageId);

        ranked.ShouldBe([2L, 4L, 3L, 1L]);
    }
}
