using System.Globalization;
using System.Net;
using System.Text;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>
/// A user's search text as the words to find: letters and digits only, at most <see cref="MaxWords"/>, so
/// nothing typed can be read as search syntax. Each word also matches words it begins ("box" finds "boxes").
/// </summary>
public sealed class SearchTerms
{
    public const int MaxWords = 8;

    // Control characters no message text can hold (the store rejects them), so they cannot be forged.
    public const char MatchStart = '\u0002';
    public const char MatchEnd = '\u0003';

    private SearchTerms(IReadOnlyList<string> words) => Words = words;

    public IReadOnlyList<string> Words { get; }

    /// <summary>The words of <paramref name="text"/>, or null when it has none.</summary>
    public static SearchTerms? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(rune.ToString());
                continue;
            }

            Flush();
        }

        Flush();
        return words.Count == 0 ? null : new SearchTerms(words.Take(MaxWords).ToList());

        void Flush()
        {
            if (word.Length > 0)
                words.Add(word.ToString().ToLower(CultureInfo.InvariantCulture));
            word.Clear();
        }
    }

    /// <summary>Plain text for a browser: everything HTML-escaped, each match between &lt;mark&gt; and &lt;/mark&gt;.</summary>
    public static string ToMarkedHtml(string snippet) =>
        WebUtility.HtmlEncode(snippet).Replace(MatchStart.ToString(), "<mark>", StringComparison.Ordinal).Replace(MatchEnd.ToString(), "</mark>", StringComparison.Ordinal);
}
