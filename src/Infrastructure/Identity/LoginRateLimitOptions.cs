namespace CleanChat.Infrastructure.Identity;

public sealed class LoginRateLimitOptions
{
    public const string SectionName = "LoginRateLimit";

    /// <summary>Login attempts allowed per account in each window, from any number of addresses.</summary>
    public int PerAccountPermits { get; set; } = 10;

    public int PerAccountWindowSeconds { get; set; } = 300;

    /// <summary>Login attempts allowed per client address in each window, for any accounts.</summary>
    public int PerAddressPermits { get; set; } = 30;

    public int PerAddressWindowSeconds { get; set; } = 60;
}
