using CleanChat.Domain.Common;

namespace CleanChat.Domain.Chats;

/// <summary>
/// What a chat is about, set when it is started: a kind (a marketplace's <c>service</c>, <c>request</c> or
/// <c>general</c>, a salon's appointment…), optionally the id and title of the thing itself. It is part of a
/// peer chat's identity: the same two people talking about a different service have a different chat.
/// </summary>
public sealed record ChatContext
{
    public const int MaxTypeLength = 32;
    public const int MaxTitleLength = 200;

    public ChatContext(string type, long? id = null, string? title = null)
    {
        Type = Guard.Against.StringTooLong(Guard.Against.NullOrWhiteSpace(type).Trim().ToLowerInvariant(), MaxTypeLength, nameof(type));
        Id = id is null ? null : Guard.Against.NegativeOrZero(id.Value);
        Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        Guard.Against.RuleBroken(Title?.Length > MaxTitleLength, "context_title_too_long", $"A context title is at most {MaxTitleLength} characters.");
    }

    public string Type { get; }

    public long? Id { get; }

    public string? Title { get; }
}
