using CleanChat.Domain.Common;

namespace CleanChat.Domain.Chats;

/// <summary>A pointer from a message to something of the business (an appointment, a product, a pack).</summary>
public sealed record EntityReference
{
    public const int MaxTypeLength = 32;
    public const int MaxTitleLength = 200;

    public EntityReference(string type, long id, string? title = null)
    {
        Type = Guard.Against.StringTooLong(Guard.Against.NullOrWhiteSpace(type).Trim().ToLowerInvariant(), MaxTypeLength, nameof(type));
        Id = Guard.Against.NegativeOrZero(id);
        Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
    }

    public string Type { get; }

    public long Id { get; }

    public string? Title { get; }
}
