using CleanChat.Application.Accounts;
using CleanChat.Application.Accounts.Commands.EndSession;
using CleanChat.Application.Accounts.Commands.RevokeRefreshToken;
using CleanChat.Application.Accounts.Commands.StartSession;
using CleanChat.WebApi.Infrastructure;
using MediatR;

namespace CleanChat.WebApi.Endpoints;

/// <summary>
/// Browser sessions: a login that sets the session cookie instead of answering a token, and the logout
/// that ends it. Used by clients that authenticate with a cookie (the mentoring dialect's).
/// </summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/session", async (HttpContext context, IMediator mediator, CancellationToken ct) =>
        {
            var (username, password) = await AuthEndpoints.ReadStaffCredentialsAsync(context.Request, ct);
            return await StartAsync(context, mediator, new StartStaffSessionCommand(username, password, SessionCookie.Read(context.Request)), ct);
        }).WithTags("Auth").WithSummary("Staff login that sets the session cookie (form-urlencoded or JSON username and password)")
            .Accepts<AuthEndpoints.StaffLoginRequest>("application/x-www-form-urlencoded", "application/json")
            .RequireRateLimiting(AuthEndpoints.LoginRateLimitPolicy).DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);

        app.MapPost("/api/v1/customer-auth/session", (AuthEndpoints.CustomerLoginRequest body, HttpContext context, IMediator mediator, CancellationToken ct) =>
            StartAsync(context, mediator, new StartCustomerSessionCommand(body.PhoneNumber ?? string.Empty, body.Password ?? string.Empty, SessionCookie.Read(context.Request)), ct))
            .WithTags("Customer auth").WithSummary("Customer login that sets the session cookie")
            .RequireRateLimiting(AuthEndpoints.LoginRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);

        // Logs out whatever the request names: the browser session of its cookie (the cookie signs this
        // request in, so the origin check covers it) and the login of a refresh token in its body. Unknown,
        // ended or revoked ones are logged out already, and the answer is the same.
        app.MapPost("/api/v1/auth/logout", async (HttpContext context, IMediator mediator, CancellationToken ct) =>
        {
            if (SessionCookie.Read(context.Request) is { } token)
                await mediator.Send(new EndSessionCommand(token), ct);
            if (await RefreshTokenInBodyAsync(context.Request, ct) is { } refreshToken)
                await mediator.Send(new RevokeRefreshTokenCommand(refreshToken), ct);
            SessionCookie.Clear(context);
            return TypedResults.NoContent();
        }).WithTags("Auth").WithSummary("Log out: end the cookie's browser session and revoke the body's refresh_token (staff or customer)")
            .WithMetadata(new AcceptsSessionCookieAttribute())
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }

    // The body is optional and only read when it is JSON: a cookie client may post anything, or nothing.
    private static async Task<string?> RefreshTokenInBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType() || request.ContentLength == 0)
            return null;
        try
        {
            return (await request.ReadFromJsonAsync<AuthEndpoints.RefreshRequest>(ct))?.RefreshToken;
        }
        catch (System.Text.Json.JsonException)
        {
            throw new CleanChat.Application.Common.Exceptions.RequestValidationException("body", "The body is not valid JSON of the form {\"refresh_token\"}.");
        }
    }

    private static async Task<IResult> StartAsync<TCommand>(HttpContext context, IMediator mediator, TCommand command, CancellationToken ct)
        where TCommand : IRequest<StartedSession>
    {
        // Login forgery: a page of another site must not sign this browser in (to an account of its choosing).
        if (context.Request.Headers.Origin is { Count: > 0 } origin && !context.RequestServices.GetRequiredService<AllowedOrigins>().Admits(origin.ToString(), context.Request))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "This page's origin may not sign in here.");

        var started = await mediator.Send(command, ct);
        SessionCookie.Set(context, started.Token, started.Session.ExpiresAt);
        return TypedResults.Ok(started.Session);
    }
}
