using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Identity;

/// <summary>Fails start-up on settings that would make tokens forgeable or too long-lived.</summary>
internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    private readonly IHostEnvironment _environment;

    public JwtOptionsValidator(IHostEnvironment environment) => _environment = environment;

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey))
            failures.Add("Jwt:SigningKey is not set. Set it in configuration or the Jwt__SigningKey environment variable (at least 32 random bytes).");
        else if (Encoding.UTF8.GetByteCount(options.SigningKey) < JwtOptions.MinKeyBytes)
            failures.Add($"Jwt:SigningKey is shorter than {JwtOptions.MinKeyBytes} bytes; HS256 needs a key of at least 256 bits.");
        else if (options.SigningKey == JwtOptions.DevelopmentSigningKey && !_environment.IsDevelopment())
            failures.Add($"Jwt:SigningKey is the public Development key, but the environment is '{_environment.EnvironmentName}'. Set a secret key of your own.");

        if (string.IsNullOrWhiteSpace(options.Issuer))
            failures.Add("Jwt:Issuer is not set.");
        if (string.IsNullOrWhiteSpace(options.Audience))
            failures.Add("Jwt:Audience is not set.");
        if (options.AccessTokenLifetimeMinutes is < 1 or > 24 * 60)
            failures.Add("Jwt:AccessTokenLifetimeMinutes must be between 1 and 1440.");
        if (options.ClockSkewSeconds is < 0 or > JwtOptions.MaxClockSkewSeconds)
            failures.Add($"Jwt:ClockSkewSeconds must be between 0 and {JwtOptions.MaxClockSkewSeconds}.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
