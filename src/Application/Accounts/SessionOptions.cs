namespace CleanChat.Application.Accounts;

/// <summary>How long a browser session lasts (configuration section <c>Sessions</c>).</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>A session unused for this long ends.</summary>
    public int IdleTimeoutMinutes { get; set; } = 120;

    /// <summary>A session ends this long after its login, however busy.</summary>
    public int MaxAgeHours { get; set; } = 24 * 7;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    public TimeSpan MaxAge => TimeSpan.FromHours(MaxAgeHours);
}
