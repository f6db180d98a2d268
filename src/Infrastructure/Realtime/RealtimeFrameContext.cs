namespace CleanChat.Infrastructure.Realtime;

/// <summary>Per-frame scope: which connection sent the frame being handled (null for REST requests).</summary>
public sealed class RealtimeFrameContext
{
    public Guid? OriginConnectionId { get; set; }
}
