using System.Net.WebSockets;

namespace CleanChat.Infrastructure.Realtime;

/// <summary>WebSocket close codes the gateway uses (RFC 6455 §7.4 and the IANA registry).</summary>
public static class CloseCodes
{
    /// <summary>1001: the server is shutting down.</summary>
    public const WebSocketCloseStatus GoingAway = WebSocketCloseStatus.EndpointUnavailable;

    /// <summary>1008: bad or expired token, wrong endpoint, too many connections, flooding.</summary>
    public const WebSocketCloseStatus PolicyViolation = WebSocketCloseStatus.PolicyViolation;

    /// <summary>1009: a frame over the size limit.</summary>
    public const WebSocketCloseStatus TooBig = WebSocketCloseStatus.MessageTooBig;

    /// <summary>1013 (Try Again Later): the client did not read its frames fast enough.</summary>
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;
}
