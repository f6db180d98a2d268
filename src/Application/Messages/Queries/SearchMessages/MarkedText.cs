using System.Text;
using CleanChat.Application.Common.Interfaces;

namespace CleanChat.Application.Messages.Queries.SearchMessages;

/// <summary>A matched message's text as words, each known to be matched or not: what ranking and snippets need.</summary>
internal sealed class MarkedText
{
    public const int SnippetWords = 16;

    private readonly string _text;
    private readonly List<(int Start, int End, bool Matched)> _words;

    private MarkedText(string text, List<(int Start, int End, bool Matched)> words)
    {
        _text = text;
        _words = words;
    }

    public int Words => _words.Count;

    public int MatchedWords => _words.Count(w => w.Matched);

    /// <summary>Reads text marked with <see cref="SearchTerms.MatchStart"/> / <see cref="SearchTerms.MatchEnd"/>.</summary>
    public static MarkedText Parse(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var words = new List<(int, int, bool)>();
        var inMatch = false;
        var wordStart = -1;
        var wordMatched = false;
        foreach (var rune in marked.EnumerateRunes())
        {
            if (rune.Value == SearchTerms.MatchStart || rune.Value == SearchTerms.MatchEnd)
            {
                inMatch = rune.Value == SearchTerms.MatchStart;
                continue;
            }

            if (Rune.IsLetterOrDigit(rune))
            {
                if (wordStart < 0)
                    (wordStart, wordMatched) = (text.Length, inMatch);
            }
            else if (wordStart >= 0)
            {
                words.Add((wordStart, text.Length, wordMatched));
                wordStart = -1;
            }

            text.Append(rune.ToString());
        }

        if (wordStart >= 0)
            words.Add((wordStart, text.Length, wordMatched));
        return new MarkedText(text.ToString(), words);
    }

    /// <summary>
    /// Up to <paramref name="maxWords"/> words around the most matches, "…" where text was cut, matched
    /// words marked again: plain text still, for <see cref="SearchTerms.ToMarkedHtml"/> to escape.
    /// </summary>
    public string Snippet(int maxWords = SnippetWords)
    {
        if (_words.Count <= maxWords)
            return Mark(0, _words.Count, 0, _text.Length);

        // The window with the most matched words, the earliest of equals.
        var best = 0;
        var bestMatches = -1;
        for (var first = 0; first + maxWords <= _words.Count; first++)
        {
            var matches = 0;
            for (var i = first; i < first + maxWords; i++)
                matches += _words[i].Matched ? 1 : 0;
            if (matches > bestMatches)
                (best, bestMatches) = (first, matches);
        }

        var last = best + maxWords;
        var from = best == 0 ? 0 : _words[best].Start;
        var to = last == _words.Count ? _text.Length : _words[last - 1].End;
        return (from > 0 ? "…" : string.Empty) + Mark(best, last, from, to) + (to < _text.Length ? "…" : string.Empty);
    }

    private string Mark(int firstWord, int endWord, int from, int to)
    {
        var snippet = new StringBuilder(to - from + 8);
        var at = from;
        for (var i = firstWord; i < endWord; i++)
        {
            var (start, end, matched) = _words[i];
            if (!matched)
                continue;
            snippet.Append(_text, at, start - at).Append(SearchTerms.MatchStart).Append(_text, start, end - start).Append(SearchTerms.MatchEnd);
            at = end;
        }

        return snippet.Append(_text, at, to - at).ToString();
    }
}
