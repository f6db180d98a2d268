namespace CleanChat.Domain.Common;

/// <summary>Anything the unit of work should collect events from before it commits.</summary>
public interface IHasDomainEvents
{
    IReadOnlyCollection<IDomainEvent> DomainEvents { get; }

    void ClearDomainEvents();
}
