namespace CleanChat.Domain.Common;

/// <summary>
/// Marker for something that happened in the domain. The Domain stays free of MediatR:
/// the Application layer wraps these into notifications after the transaction commits.
/// </summary>
public interface IDomainEvent
{
    DateTime OccurredAt { get; }
}
