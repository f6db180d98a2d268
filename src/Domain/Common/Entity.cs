namespace CleanChat.Domain.Common;

/// <summary>Base of every persisted entity: identity is a database-assigned number.</summary>
public abstract class Entity
{
    public long Id { get; protected set; }
}
