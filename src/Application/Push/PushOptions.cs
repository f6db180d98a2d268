namespace CleanChat.Application.Push;

/// <summary>
/// Web Push (configuration section <c>WebPush</c>). Push is on when the VAPID key pair is configured; the
/// private key belongs in the environment or a secret store (<c>WebPush__PrivateKey</c>), never in a file
/// of the repository. Development generates a pair on first run.
/// </summary>
public sealed class PushOptions
{
    public const string SectionName = "WebPush";

    /// <summary>Who runs this service, for push services to contact: <c>mailto:…</c> or an https URL.</summary>
    public string Subject { get; set; } = "mailto:admin@localhost";

    /// <summary>The VAPID public key: an uncompressed P-256 point, base64url.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The VAPID private key: the P-256 scalar, base64url.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>Pushes waiting to be sent; past this, new ones are dropped (and counted in the log), never a send.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Tries per push when its push service answers 429 or 5xx or cannot be reached; waits double from one second.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Browsers (subscriptions) kept per account; a new one beyond this replaces the oldest.</summary>
    public int MaxSubscriptionsPerAccount { get; set; } = 10;

    /// <summary>Accept http and local endpoints: only for a test push service on loopback, never in production (the service would post wherever a client asked).</summary>
    public bool AllowInsecureEndpoints { get; set; }

    /// <summary>How long a push service keeps a push for an offline browser, in seconds.</summary>
    public int TimeToLiveSeconds { get; set; } = 24 * 60 * 60;
}
