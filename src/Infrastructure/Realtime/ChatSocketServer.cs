using System.Net.WebSockets;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Identity;
using CleanChat.Infrastructure.Realtime.Protocol;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// Serves one accepted socket from its token to its close: authenticates it, registers it with the
/// gateway and runs its session. Refusals after the upgrade are close frames with 1008 and a reason,
/// since browsers only report a close code for an accepted socket.
/// </summary>
public sealed class ChatSocketServer
{
    private readonly JwtTokenService _tokens;
    private readonly RealtimeGateway _gateway;
    private readonly ChatSocketSession _session;
    private readonly FrameDispatcher _dispatcher;

    public ChatSocketServer(JwtTokenService tokens, RealtimeGateway gateway, ChatSocketSession session, FrameDispatcher dispatcher)
    {
        _tokens = tokens;
        _gateway = gateway;
        _session = session;
        _dispatcher = dispatcher;
    }

    /// <param name="socket">The accepted socket.</param>
    /// <param name="token">The access token the client presented, if any.</param>
    /// <param name="endpointType">Who this endpoint is for: staff and customers each have their own on the salon protocol; null for both.</param>
    /// <param name="codec">The client protocol the endpoint speaks.</param>
    /// <param name="requestAborted">Fires when the connection is gone.</param>
    /// <param name="endpoint">The route template the socket was opened on, for statistics.</param>
    public async Task ServeAsync(WebSocket socket, string? token, ParticipantType? endpointType, IRealtimeCodec codec, string endpoint, CancellationToken requestAborted)
    {
        var validated = await _tokens.ValidateAsync(token);
        if (validated is not { } identity)
        {
            await RefuseAsync(socket, token is null ? "Missing token" : "Invalid or expired token");
            return;
        }

        if (endpointType is { } only && identity.Caller.Participant.Type != only)
        {
            await RefuseAsync(socket, endpointType == ParticipantType.User ? "Staff endpoint: use the customer endpoint" : "Customer endpoint: use the staff endpoint");
            return;
        }

        // A guest's socket that follows their stays says `connected` only once it does, so nothing sent
        // after the client hears it can be missed.
        var followsStays = codec.CustomersFollowTheirStays && identity.Caller.IsCustomer;
        var (connection, result) = _gateway.Open(socket, identity.Caller, identity.ExpiresAt, codec, endpoint, announce: !followsStays);
        if (connection is null)
        {
            await RefuseAsync(socket, result == RegistrationResult.TooManyForParticipant ? "Too many open connections for this account" : "Server full");
            return;
        }

        if (followsStays)
        {
            await _dispatcher.FollowOwnStaysAsync(connection, requestAborted);
            connection.TrySend(new ConnectedReply(identity.Caller.Participant));
        }

        await _session.RunAsync(socket, connection, requestAborted);
    }

    /// <summary>
    /// Serves a socket of a one-conversation protocol, its caller authenticated and its conversation
    /// chosen at the handshake: it joins that conversation at once and speaks only in it.
    /// </summary>
    /// <param name="expiresAt">When the caller's token or session ends; the socket closes then.</param>
    /// <param name="sessionId">The browser session that signed it in, if one did; the socket closes when the session ends.</param>
    public async Task ServeInChatAsync(WebSocket socket, Caller caller, DateTime expiresAt, long? sessionId, IRealtimeCodec codec, string endpoint, long chatId, CancellationToken requestAborted)
    {
        var (connection, result) = _gateway.Open(socket, caller, expiresAt, codec, endpoint, sessionId);
        if (connection is null)
        {
            await RefuseAsync(socket, result == RegistrationResult.TooManyForParticipant ? "Too many open connections for this account" : "Server full");
            return;
        }

        // Checked again now that the socket is registered: access may have gone since the handshake.
        if (!await _dispatcher.OpenHomeChatAsync(connection, chatId, requestAborted))
            connection.RequestClose(CloseCodes.PolicyViolation, "Not a participant of this conversation");

        await _session.RunAsync(socket, connection, requestAborted);
    }

    /// <summary>Closes an accepted socket at once with a code and reason (1008 unless told otherwise).</summary>
    public static async Task RefuseAsync(WebSocket socket, string reason, WebSocketCloseStatus status = CloseCodes.PolicyViolation)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await socket.CloseAsync(status, reason, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            socket.Abort();
        }
    }
}
