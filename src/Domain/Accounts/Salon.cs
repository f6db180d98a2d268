using CleanChat.Domain.Common;

namespace CleanChat.Domain.Accounts;

/// <summary>A business using CleanChat: the tenant every staff user and chat belongs to.</summary>
public sealed class Salon : Entity
{
    public const int MaxNameLength = 200;

    private Salon()
    {
        Name = string.Empty;
    }

    public Salon(string name, DateTime now)
    {
        Name = Guard.Against.NullOrWhiteSpace(name).Trim();
        CreatedAt = now;
    }

    public string Name { get; private set; }

    public DateTime CreatedAt { get; private set; }
}
