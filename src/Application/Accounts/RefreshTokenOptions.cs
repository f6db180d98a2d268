namespace CleanChat.Application.Accounts;

/// <summary>How long a login's refresh tokens last (configuration section <c>Jwt</c>, beside the access token's lifetime).</summary>
public sealed class RefreshTokenOptions
{
    public const string SectionName = "Jwt";

    /// <summary>A login's family of refresh tokens ends this many days after the login, however often it is used.</summary>
    public int RefreshTokenLifetimeDays { get; set; } = 30;

    public TimeSpan Lifetime => TimeSpan.FromDays(RefreshTokenLifetimeDays);
}
