using System.Collections.Concurrent;
using CleanChat.Domain.Common;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanChat.Application.Common.Events;

internal sealed class MediatorDomainEventPublisher : IDomainEventPublisher
{
    private static readonly ConcurrentDictionary<Type, Func<IDomainEvent, INotification>> Wrappers = new();

    private readonly IMediator _mediator;
    private readonly ILogger<MediatorDomainEventPublisher> _logger;

    public MediatorDomainEventPublisher(IMediator mediator, ILogger<MediatorDomainEventPublisher> logger)
    {
        _mediator = mediator;
        _logger = logger;
    }

    public async Task PublishAsync(IReadOnlyCollection<IDomainEvent> domainEvents, CancellationToken cancellationToken)
    {
        foreach (var domainEvent in domainEvents)
        {
            try
            {
                await _mediator.Publish(Wrap(domainEvent), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The change is already committed: a failing side effect (a push to sockets) must not
                // turn a saved message into an error for the sender, who would then retry and duplicate it.
                _logger.LogError(ex, "Handling committed domain event {EventType} failed", domainEvent.GetType().Name);
            }
        }
    }

    private static INotification Wrap(IDomainEvent domainEvent) =>
        Wrappers.GetOrAdd(domainEvent.GetType(), static type =>
        {
            var notificationType = typeof(DomainEventNotification<>).MakeGenericType(type);
            return e => (INotification)Activator.CreateInstance(notificationType, e)!;
        })(domainEvent);
}
