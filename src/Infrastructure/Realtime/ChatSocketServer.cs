using System.Net.WebSockets;
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

    public ChatSocketServer(JwtTokenService tokens, RealtimeGateway gateway, ChatSocketSession session)
    {
        _tokens = tokens;
        _gateway = gateway;
        _session = session;
    }

    /// <param name="socket">The accepted socket.</param>
    /// <param name="token">The access token the client presented, if any.</param>
    /// <param name="endpointType">Who this endpoint is for: staff and customers each have their own.</param>
    /// <param name="codec">The client protocol the endpoint speaks.</param>
    /// <param name="requestAborted">Fires when the connection is gone.</param>
    public async Task ServeAsync(WebSocket socket, string? token, ParticipantType endpointType, IRealtimeCodec codec, CancellationToken requestAborted)
    {
        var validated = await _tokens.ValidateAsync(token);
        if (validated is not { } identity)
        {
            await RefuseAsync(socket, token is null ? "Missing token" : "Invalid or expired token");
            return;
        }

        if (identity.Caller.Participant.Type != endpointType)
        {
            await RefuseAsync(socket, endpointType == ParticipantType.User ? "Staff endpoint: use the customer endpoint" : "Customer endpoint: use the staff endpoint");
            return;
        }

        var (connection, result) = _gateway.Open(socket, identity.Caller, identity.ExpiresAt, codec);
        if (connection is null)
        {
            await RefuseAsync(socket, result == RegistrationResult.TooManyForParticipant ? "Too many open connections for this account" : "Server full");
            return;
        }

        await _session.RunAsync(socket, connection, requestAborted);
    }

    private static async Task RefuseAsync(WebSocket socket, string reason)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await socket.CloseAsync(CloseCodes.PolicyViolation, reason, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            socket.Abort();
        }
    }
}
