using Microsoft.AspNetCore.Mvc;

namespace CleanChat.WebApi.Infrastructure;

/// <summary>
/// Refuses with 403 a request signed in by the session cookie that changes something, or opens a
/// WebSocket, unless it comes from an allowed page (<see cref="AllowedOrigins.AdmitsCookieRequest"/>).
/// Requests with a bearer token need no such check: a browser never adds a token by itself.
/// </summary>
public sealed class SessionOriginCheck
{
    private readonly RequestDelegate _next;
    private readonly AllowedOrigins _origins;

    public SessionOriginCheck(RequestDelegate next, AllowedOrigins origins)
    {
        _next = next;
        _origins = origins;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.IsSessionAuthenticated() && NeedsCheck(context.Request) && !_origins.AdmitsCookieRequest(context.Request))
        {
            await RefuseAsync(context, "This page's origin may not use the session here.");
            return;
        }

        await _next(context);
    }

    public static bool NeedsCheck(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        || request.HttpContext.WebSockets.IsWebSocketRequest;

    public static ValueTask RefuseAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = detail },
        });
    }
}
