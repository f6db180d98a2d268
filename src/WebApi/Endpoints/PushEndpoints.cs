using CleanChat.Application.Push.Commands.SubscribePush;
using CleanChat.Application.Push.Commands.UnsubscribePush;
using CleanChat.Application.Push.Queries.GetPushPublicKey;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CleanChat.WebApi.Endpoints;

/// <summary>Web Push: the key browsers subscribe with, and (un)registering a browser's subscription.</summary>
public static class PushEndpoints
{
    public static IEndpointRouteBuilder MapPushEndpoints(this IEndpointRouteBuilder app)
    {
        var push = app.MapGroup("/api/v1/push").WithTags("Push").RequireAuthorization();

        push.MapGet("/vapid-public-key", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetPushPublicKeyQuery(), ct))
            .WithSummary("The VAPID public key for PushManager.subscribe (applicationServerKey); 404 when push is not configured")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // The body is the browser's PushSubscription as JSON.stringify gives it.
        push.MapPost("/subscriptions", async (SubscriptionRequest body, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new SubscribePushCommand(body.Endpoint ?? string.Empty, body.Keys?.P256dh ?? string.Empty, body.Keys?.Auth ?? string.Empty), ct);
            return TypedResults.NoContent();
        }).WithSummary("Register this browser's push subscription for the caller").ProducesProblem(StatusCodes.Status404NotFound);

        push.MapDelete("/subscriptions", async (IMediator mediator, CancellationToken ct, [FromQuery(Name = "endpoint")] string? endpoint, [FromBody] UnsubscribeRequest? body) =>
        {
            await mediator.Send(new UnsubscribePushCommand(body?.Endpoint ?? endpoint ?? string.Empty), ct);
            return TypedResults.NoContent();
        }).WithSummary("Forget this browser's push subscription (endpoint in the body or the query)");

        return app;
    }

    public sealed record SubscriptionRequest(string? Endpoint, SubscriptionKeys? Keys);

    public sealed record SubscriptionKeys(string? P256dh, string? Auth);

    public sealed record UnsubscribeRequest(string? Endpoint);
}
