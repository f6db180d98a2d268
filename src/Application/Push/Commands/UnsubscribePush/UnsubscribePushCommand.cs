using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using MediatR;

namespace CleanChat.Application.Push.Commands.UnsubscribePush;

/// <summary>Forgets the caller's subscription at this endpoint (the browser unsubscribed, or its user signs out). Unknown ones are no error.</summary>
[Authorize]
public sealed record UnsubscribePushCommand(string Endpoint) : IRequest;

internal sealed class UnsubscribePushCommandHandler : IRequestHandler<UnsubscribePushCommand, Unit>
{
    private readonly IPushSubscriptionRepository _subscriptions;
    private readonly IUnitOfWork _unitOfWork;
    private readonly ICurrentCaller _currentCaller;

    public UnsubscribePushCommandHandler(IPushSubscriptionRepository subscriptions, IUnitOfWork unitOfWork, ICurrentCaller currentCaller)
    {
        _subscriptions = subscriptions;
        _unitOfWork = unitOfWork;
        _currentCaller = currentCaller;
    }

    public async Task<Unit> Handle(UnsubscribePushCommand request, CancellationToken cancellationToken)
    {
        // Only the caller's own: another account's subscription at the same endpoint is none of theirs.
        if (await _subscriptions.FindAsync(request.Endpoint ?? string.Empty, cancellationToken) is { } subscription && subscription.Owner == _currentCaller.Required().Participant)
        {
            _subscriptions.Remove(subscription);
            await _unitOfWork.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
