namespace CleanChat.Application.Common.Validation;

/// <summary>A user's search text inside a SQL LIKE pattern, matched literally (its % and _ are not wildcards).</summary>
internal static class LikePattern
{
    public const string EscapeCharacter = "\\";

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
