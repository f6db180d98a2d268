namespace CleanChat.Infrastructure.Identity;

public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    /// <summary>The key in appsettings.Development.json. Anywhere but Development the service refuses to start with it.</summary>
    public const string DevelopmentSigningKey = "cleanchat-development-only-signing-key-change-me-0001";

    public const int MinKeyBytes = 32;
    public const int MaxClockSkewSeconds = 30;

    public string Issuer { get; set; } = "cleanchat";

    public string Audience { get; set; } = "cleanchat-clients";

    /// <summary>HMAC-SHA256 key, at least 32 bytes (UTF-8). From configuration or the environment (<c>Jwt__SigningKey</c>), never from code.</summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>Short, since a refresh token buys the next one; also bounds how long a stolen access token is of use.</summary>
    public int AccessTokenLifetimeMinutes { get; set; } = 15;

    public int ClockSkewSeconds { get; set; } = MaxClockSkewSeconds;
}
