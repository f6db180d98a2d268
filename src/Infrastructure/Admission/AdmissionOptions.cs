namespace CleanChat.Infrastructure.Admission;

/// <summary>
/// When the service refuses new messages with "server busy" rather than queue them (docs/performance.md,
/// "Overload"). Each bound is 500 ms: with 250 ms a stall of this size at half capacity (the service
/// pauses like that now and then, see p99.9) refused a second's worth of sends that it could have taken.
/// </summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Admission";

    /// <summary>
    /// Longest a message may wait for its commit (oldest queued message, or the commit under way) before
    /// new messages are refused. 0 turns this bound off.
    /// </summary>
    public int MaxCommitWaitMs { get; set; } = 500;

    /// <summary>
    /// Longest a committed message may wait to be announced (sent to its chat's sockets, the sender's
    /// own copy being its acknowledgement) before new messages are refused: the sign that fan-out, not
    /// the disk, is behind. 0 turns this bound off.
    /// </summary>
    public int MaxPublishLagMs { get; set; } = 500;

    /// <summary>
    /// Longest work may wait for a thread-pool thread before new messages are refused: the sign that the
    /// CPU, not the disk, is the bottleneck (frames then wait unread instead of in the commit queue).
    /// 0 turns this bound off.
    /// </summary>
    public int MaxThreadPoolLagMs { get; set; } = 500;

    /// <summary>Shortest and longest wait a refused sender is told to leave before sending again.</summary>
    public int MinRetryAfterMs { get; set; } = 250;

    public int MaxRetryAfterMs { get; set; } = 10_000;
}
