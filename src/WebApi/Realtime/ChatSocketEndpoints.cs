using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Realtime;
using CleanChat.Infrastructure.Realtime.Protocol;
using CleanChat.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CleanChat.WebApi.Realtime;

/// <summary>
/// The two WebSocket endpoints of the salon guide (and the handshake other token-authenticated sockets share). Here only what is answered over HTTP before the
/// upgrade (not a WebSocket request, a foreign origin, a full server); the socket itself is served by
/// the gateway in Infrastructure (<see cref="ChatSocketServer"/>).
/// </summary>
public static class ChatSocketEndpoints
{
    public const string StaffPath = "/api/v1/chat/ws/chat/user";
    public const string CustomerPath = "/api/v1/chat/ws/chat/customer";

    public static IEndpointRouteBuilder MapChatSockets(this IEndpointRouteBuilder app)
    {
        app.Map(StaffPath, context => AcceptAsync(context, (server, socket, token) =>
            server.ServeAsync(socket, token, ParticipantType.User, SalonGuideCodec.Instance, StaffPath, context.RequestAborted))).ExcludeFromDescription();
        app.Map(CustomerPath, context => AcceptAsync(context, (server, socket, token) =>
            server.ServeAsync(socket, token, ParticipantType.Customer, SalonGuideCodec.Instance, CustomerPath, context.RequestAborted))).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The handshake of every token-authenticated socket: refusals over HTTP, then the upgrade; <paramref name="serve"/>
    /// then runs the accepted socket with the token the client presented (if any).
    /// </summary>
    internal static async Task AcceptAsync(HttpContext context, Func<ChatSocketServer, System.Net.WebSockets.WebSocket, string?, Task> serve)
    {
        var services = context.RequestServices;
        var gateway = services.GetRequiredService<RealtimeGateway>();

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problem(context, StatusCodes.Status400BadRequest, "This endpoint speaks WebSocket only.");
            return;
        }

        // Cross-site WebSocket hijacking: a browser page of another site would ride on the user's token.
        // Native apps send no Origin and are allowed, and so are the service's own pages.
        if (context.Request.Headers.Origin is { Count: > 0 } origin && !services.GetRequiredService<AllowedOrigins>().AdmitsHost(origin.ToString(), context.Request))
        {
            await Problem(context, StatusCodes.Status403Forbidden, "This origin may not open chat sockets.");
            return;
        }

        if (gateway.IsFull)
        {
            context.Response.Headers.RetryAfter = "5";
            await Problem(context, StatusCodes.Status503ServiceUnavailable, "The server holds as many connections as it may; try again shortly.");
            return;
        }

        // Accept first, then refuse with 1008: browsers only report a close code for an accepted socket.
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = TimeSpan.FromSeconds(gateway.Options.KeepAliveSeconds),
            KeepAliveTimeout = TimeSpan.FromSeconds(gateway.Options.KeepAliveSeconds * 2),
        });

        var token = context.Request.Query["token"].FirstOrDefault() ?? BearerToken(context.Request);
        await serve(services.GetRequiredService<ChatSocketServer>(), socket, token);
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>A refusal before the upgrade, as problem details (shared by every socket endpoint).</summary>
    internal static ValueTask Problem(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }
}
