namespace CleanChat.Application.Common.Validation;

/// <summary>What peer chats may be about (configuration section <c>ChatContexts</c>).</summary>
public sealed class ChatContextOptions
{
    public const string SectionName = "ChatContexts";

    public static readonly IReadOnlyList<string> DefaultTypes = new[] { "service", "request", "general" };

    /// <summary>Allowed context kinds; unset means <see cref="DefaultTypes"/> (null, not a default list: binding appends).</summary>
    public string[]? Types { get; set; }

    public IReadOnlySet<string> AllowedTypes =>
        new HashSet<string>(Types is { Length: > 0 } configured ? configured : DefaultTypes, StringComparer.OrdinalIgnoreCase);
}
