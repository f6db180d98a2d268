using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Push;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanChat.Application.Push.Commands.SubscribePush;

/// <summary>
/// Registers this browser's push subscription (what <c>PushManager.subscribe()</c> gave it) for the
/// caller. Subscribing again replaces the keys; an endpoint another account registered moves to the caller
/// (the same browser, someone else signed in). An account keeps its newest subscriptions only.
/// </summary>
[Authorize]
public sealed record SubscribePushCommand(string Endpoint, string P256dh, string Auth) : IRequest;

public sealed class SubscribePushCommandValidator : AbstractValidator<SubscribePushCommand>
{
    public SubscribePushCommandValidator(IOptions<PushOptions> options)
    {
        var allowLocal = options.Value.AllowInsecureEndpoints;
        RuleFor(c => c.Endpoint).NotEmpty().MaximumLength(PushSubscription.MaxEndpointLength)
            .Must(endpoint => IsPushServiceUrl(endpoint, allowLocal))
            .WithMessage("endpoint must be the https URL of the browser's push service.");
        RuleFor(c => c.P256dh).Must(key => PushSubscription.IsKeyOf(key, PushSubscription.PublicKeyBytes)).OverridePropertyName("keys.p256dh")
            .WithMessage($"keys.p256dh must be the browser's {PushSubscription.PublicKeyBytes}-byte P-256 public key, base64url.");
        RuleFor(c => c.Auth).Must(key => PushSubscription.IsKeyOf(key, PushSubscription.AuthSecretBytes)).OverridePropertyName("keys.auth")
            .WithMessage($"keys.auth must be the browser's {PushSubscription.AuthSecretBytes}-byte secret, base64url.");
    }

    // The service will send requests to this address, so it must look like a push service: https on a
    // host name, not an address or localhost (which would point the service at its own network).
    private static bool IsPushServiceUrl(string? endpoint, bool allowLocal)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            return false;
        if (allowLocal)
            return uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp;
        return uri.Scheme == Uri.UriSchemeHttps && uri.HostNameType == UriHostNameType.Dns && !uri.IsLoopback
            && !uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) && uri.Host.Contains('.');
    }
}

internal sealed class SubscribePushCommandHandler : IRequestHandler<SubscribePushCommand, Unit>
{
    private readonly IPushSubscriptionRepository _subscriptions;
    private readonly IPushDelivery _push;
    private readonly IUnitOfWork _unitOfWork;
    private readonly ICurrentCaller _currentCaller;
    private readonly PushOptions _options;
    private readonly TimeProvider _time;

    public SubscribePushCommandHandler(IPushSubscriptionRepository subscriptions, IPushDelivery push, IUnitOfWork unitOfWork, ICurrentCaller currentCaller,
        IOptions<PushOptions> options, TimeProvider time)
    {
        _subscriptions = subscriptions;
        _push = push;
        _unitOfWork = unitOfWork;
        _currentCaller = currentCaller;
        _options = options.Value;
        _time = time;
    }

    public async Task<Unit> Handle(SubscribePushCommand request, CancellationToken cancellationToken)
    {
        if (_push.PublicKey is null)
            throw new NotFoundException("Push notifications");

        var owner = _currentCaller.Required().Participant;
        var now = _time.GetUtcNow().UtcDateTime;
        if (await _subscriptions.FindAsync(request.Endpoint, cancellationToken) is { } existing)
        {
            existing.Renew(request.P256dh, request.Auth, owner, now);
        }
        else
        {
            var kept = await _subscriptions.OfAsync(owner, cancellationToken);
            foreach (var oldest in kept.Take(kept.Count - _options.MaxSubscriptionsPerAccount + 1))
                _subscriptions.Remove(oldest);
            _subscriptions.Add(new PushSubscription(request.Endpoint, request.P256dh, request.Auth, owner, now));
        }

        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
