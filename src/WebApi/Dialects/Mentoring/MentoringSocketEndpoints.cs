using System.Net.WebSockets;
using CleanChat.Application.Chats.Queries.JoinChat;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Mentoring.Commands.OpenMentoringConversation;
using CleanChat.Infrastructure.Identity;
using CleanChat.Infrastructure.Realtime.Protocol.Mentoring;
using CleanChat.Infrastructure.Realtime;
using CleanChat.WebApi.Infrastructure;
using CleanChat.WebApi.Realtime;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace CleanChat.WebApi.Dialects.Mentoring;

/// <summary>
/// The mentoring seed's two sockets. A student's finds (or starts) the conversation with their mentor; a
/// teacher's names the conversation. Both decide who and which conversation at the handshake (refusing
/// with 403, as the seed's server does) and then speak <see cref="MentoringCodec"/> in that one conversation.
/// The session cookie signs them in (a bearer token in the <c>Authorization</c> header works too).
/// </summary>
public static class MentoringSocketEndpoints
{
    public const string StudentPath = "/ws/chat/my-conversation";
    public const string TeacherPath = "/ws/chat/conversations/{conversationId:long}";

    /// <summary>The close code for a student without a mentor: accepted, then closed, so the client can tell why.</summary>
    public const WebSocketCloseStatus NoMentor = (WebSocketCloseStatus)4004;

    public static IEndpointRouteBuilder MapMentoringSockets(this IEndpointRouteBuilder app)
    {
        // Routing matches these with and without the seed's trailing slash.
        app.Map(StudentPath, AcceptStudentAsync).WithMetadata(new AcceptsSessionCookieAttribute()).ExcludeFromDescription();
        app.Map(TeacherPath, (HttpContext context, long conversationId) => AcceptTeacherAsync(context, conversationId))
            .WithMetadata(new AcceptsSessionCookieAttribute()).ExcludeFromDescription();
        return app;
    }

    private static async Task AcceptStudentAsync(HttpContext context)
    {
        if (await RefusedAtHandshakeAsync(context))
            return;
        if (!Caller(context)!.IsCustomer)
        {
            await ForbidAsync(context, "This socket is for students; teachers connect to /ws/chat/conversations/{id}/.");
            return;
        }

        var chatId = await context.RequestServices.GetRequiredService<IMediator>().Send(new OpenMentoringConversationCommand(), context.RequestAborted);
        if (chatId is null)
        {
            using var refused = await context.WebSockets.AcceptWebSocketAsync();
            await ChatSocketServer.RefuseAsync(refused, "No mentor assigned", NoMentor);
            return;
        }

        await ServeAsync(context, StudentPath, chatId.Value);
    }

    private static async Task AcceptTeacherAsync(HttpContext context, long conversationId)
    {
        if (await RefusedAtHandshakeAsync(context))
            return;

        // Only a participant: the same check as joining a chat on any socket; anything else is a 403 here.
        try
        {
            await context.RequestServices.GetRequiredService<IMediator>().Send(new JoinChatQuery(conversationId), context.RequestAborted);
        }
        catch (Exception ex) when (Refusal.From(ex) is { Kind: RefusalKind.NotFound or RefusalKind.Forbidden or RefusalKind.Invalid })
        {
            await ForbidAsync(context, "Only a participant of the conversation may connect to it.");
            return;
        }

        await ServeAsync(context, TeacherPath, conversationId);
    }

    // What is refused before the upgrade: not a WebSocket, no valid session or token, a foreign page
    // (for the cookie, SessionOriginCheck has refused it already), a full server.
    private static async Task<bool> RefusedAtHandshakeAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
            return await ProblemAsync(context, StatusCodes.Status400BadRequest, "This endpoint speaks WebSocket only.");
        if (Caller(context) is null)
            return await ForbidAsync(context, "Sign in first: no valid session.");
        if (context.Request.Headers.Origin is { Count: > 0 } origin && !context.RequestServices.GetRequiredService<AllowedOrigins>().Admits(origin.ToString(), context.Request))
            return await ForbidAsync(context, "This origin may not open chat sockets.");

        if (context.RequestServices.GetRequiredService<RealtimeGateway>().IsFull)
        {
            context.Response.Headers.RetryAfter = "5";
            return await ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "The server holds as many connections as it may; try again shortly.");
        }

        return false;
    }

    private static async Task ServeAsync(HttpContext context, string endpoint, long chatId)
    {
        var gateway = context.RequestServices.GetRequiredService<RealtimeGateway>();
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = TimeSpan.FromSeconds(gateway.Options.KeepAliveSeconds),
            KeepAliveTimeout = TimeSpan.FromSeconds(gateway.Options.KeepAliveSeconds * 2),
        });

        // The socket lives no longer than the session (or token) that opened it.
        var expiresAt = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc?.UtcDateTime
            ?? context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddMinutes(15);
        await context.RequestServices.GetRequiredService<ChatSocketServer>()
            .ServeInChatAsync(socket, Caller(context)!, expiresAt, context.SessionId(), MentoringCodec.Instance, endpoint, chatId, context.RequestAborted);
    }

    private static Application.Common.Security.Caller? Caller(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? JwtTokenService.ToCaller(context.User) : null;

    private static Task<bool> ForbidAsync(HttpContext context, string detail) => ProblemAsync(context, StatusCodes.Status403Forbidden, detail);

    private static async Task<bool> ProblemAsync(HttpContext context, int status, string detail)
    {
        await ChatSocketEndpoints.Problem(context, status, detail);
        return true;
    }
}
