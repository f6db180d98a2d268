using CleanChat.Application.Common.Interfaces;

namespace CleanChat.Application.UnitTests;

/// <summary>What a user types into search becomes plain words, and snippets come back safe to show as HTML.</summary>
public class SearchTermsTests
{
    [Theory]
    [InlineData("Haircut", new[] { "haircut" })]
    [InlineData("  colour   at 5pm ", new[] { "colour", "at", "5pm" })]
    [InlineData("\"boxes\" OR NEAR(a b) -x*", new[] { "boxes", "or", "near", "a", "b", "x" })]
    [InlineData("Überraschung café", new[] { "überraschung", "café" })]
    [InlineData("日本語", new[] { "日本語" })]
    public void Words_are_letters_and_digits_lowercased_and_search_syntax_is_dropped(string text, string[] words) =>
        SearchTerms.Parse(text)!.Words.ShouldBe(words);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("*** -- \"\" ()")]
    public void Text_without_words_is_no_search(string? text) => SearchTerms.Parse(text).ShouldBeNull();

    [Fact]
    public void At_most_eight_words_are_kept()
    {
        var terms = SearchTerms.Parse("one two three four five six seven eight nine ten")!;

        terms.Words.Count.ShouldBe(SearchTerms.MaxWords);
        terms.Words[^1].ShouldBe("eight");
    }

    [Fact]
    public void A_snippet_is_escaped_and_only_the_match_markers_become_marks()
    {
        var snippet = $"<b>bold</b> & {SearchTerms.MatchStart}haircut{SearchTerms.MatchEnd} \"now\"";

        SearchTerms.ToMarkedHtml(snippet).ShouldBe("&lt;b&gt;bold&lt;/b&gt; &amp; <mark>haircut</mark> &quot;now&quot;");
    }

    [Fact]
    public void Text_that_spells_a_mark_tag_stays_text()
    {
        SearchTerms.ToMarkedHtml("<mark>fake</mark>").ShouldBe("&lt;mark&gt;fake&lt;/mark&gt;");
    }
}
