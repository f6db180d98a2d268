namespace CleanChat.Infrastructure.Realtime;

/// <summary>Bounds of the WebSocket gateway; every queue, frame and connection count is limited.</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>Largest client frame (after reassembly); a bigger one closes the socket with 1009.</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>Frames waiting for one slow client; when full, that client is disconnected with 1013.</summary>
    public int OutboundQueueFrames { get; set; } = 1024;

    public int MaxConnectionsPerParticipant { get; set; } = 10;

    /// <summary>Upgraded connections the whole server holds; past it, handshakes get 503.</summary>
    public int MaxConnections { get; set; } = 20_000;

    /// <summary>Client frames per second a connection may send on average…</summary>
    public double FramesPerSecond { get; set; } = 20;

    /// <summary>…and in a burst.</summary>
    public int FrameBurst { get; set; } = 60;

    /// <summary>Frames refused for rate within ten seconds after which the connection is closed with 1008.</summary>
    public int FloodCloseAfterRefusals { get; set; } = 100;

    /// <summary>Server WebSocket pings keep proxies and NATs from dropping quiet connections.</summary>
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>
    /// Several nodes (PostgreSQL): a node not heard from for this long is taken for dead and its sockets'
    /// participants for offline; each node speaks every third of it.
    /// </summary>
    public int NodeTimeoutSeconds { get; set; } = 30;

    /// <summary>A connection that sends nothing (not even a ping frame) for this long is closed.</summary>
    public int IdleTimeoutSeconds { get; set; } = 300;

    /// <summary>
    /// Most messages a rejoin with <c>last_seq</c> replays over the socket (at most a history page, 100);
    /// a client that missed more is told to reload history over REST instead of being flooded.
    /// </summary>
    public int MaxReplayMessages { get; set; } = 100;

    /// <summary>How long a closing handshake may take before the socket is dropped.</summary>
    public int CloseTimeoutSeconds { get; set; } = 5;
}
