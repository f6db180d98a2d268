using CleanChat.Domain.Common;
using MediatR;

namespace CleanChat.Application.Common.Events;

/// <summary>Carries a domain event through MediatR, so the Domain itself need not know MediatR.</summary>
public sealed record DomainEventNotification<TEvent>(TEvent DomainEvent) : INotification
    where TEvent : IDomainEvent;
