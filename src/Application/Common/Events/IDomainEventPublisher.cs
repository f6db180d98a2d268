using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Events;

/// <summary>Publishes committed domain events to their notification handlers.</summary>
public interface IDomainEventPublisher
{
    Task PublishAsync(IReadOnlyCollection<IDomainEvent> domainEvents, CancellationToken cancellationToken);
}
