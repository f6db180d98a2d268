namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// Per-scope: which socket's frame is being handled (null for REST requests). Committed events carry it
/// to their notifications, so "everyone but the origin" means the same after the commit-ordered lane.
/// </summary>
public sealed class RealtimeFrameContext
{
    public Guid? OriginConnectionId { get; set; }

    /// <summary>
    /// True in the commit-ordered lanes: what is notified there was heard by every node (ADR 0016), so it
    /// goes to this node's sockets only.
    /// </summary>
    public bool InCommitLane { get; set; }
}
