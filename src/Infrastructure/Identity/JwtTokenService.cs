using System.Globalization;
using System.Security.Claims;
using System.Text;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Common;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanChat.Infrastructure.Identity;

/// <summary>Issues access tokens and holds the one set of rules every token is validated against.</summary>
public sealed class JwtTokenService : IAccessTokenIssuer
{
    /// <summary>The only algorithm a token may be signed with (ADR 0006).</summary>
    public const string Algorithm = SecurityAlgorithms.HmacSha256;

    private readonly JwtOptions _options;
    private readonly TimeProvider _time;
    private readonly SymmetricSecurityKey _key;
    private readonly SigningCredentials _signing;

    // Keeps claim names as issued ("sub", "role") instead of remapping them to XML-namespace URIs.
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false, SetDefaultTimesOnTokenCreation = false };

    public JwtTokenService(IOptions<JwtOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.SigningKey));
        _signing = new SigningCredentials(_key, Algorithm);
        ValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = _options.Issuer,
            ValidateAudience = true,
            ValidAudience = _options.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKey = _key,

            // Without this an HMAC key long enough for HS384/HS512 verifies those too; the library never
            // consults a handler's own signature check, so the allow-list is the one place the rule lives.
            ValidAlgorithms = [Algorithm],
            ClockSkew = TimeSpan.FromSeconds(_options.ClockSkewSeconds),
            NameClaimType = CleanChatClaims.Name,
            RoleClaimType = CleanChatClaims.Role,
        };
    }

    public TokenValidationParameters ValidationParameters { get; }

    /// <summary>The handler the HTTP authentication scheme validates with, configured as this service validates.</summary>
    public TokenHandler Handler => _handler;

    public AccessToken Issue(Caller caller)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var lifetime = TimeSpan.FromMinutes(_options.AccessTokenLifetimeMinutes);
        var claims = CallerClaims.Of(caller).ToDictionary(claim => claim.Key, claim => (object)claim.Value);
        claims[JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N");

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = _signing,
        });
        return new AccessToken(token, (int)lifetime.TotalSeconds);
    }

    /// <summary>
    /// Validates a token outside the HTTP authentication handler (WebSocket handshakes) with the same
    /// rules; returns the caller and when the token expires, or null for any invalid token.
    /// </summary>
    public async Task<(Caller Caller, DateTime ExpiresAt)?> ValidateAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || !_handler.CanReadToken(token))
            return null;

        var result = await _handler.ValidateTokenAsync(token, ValidationParameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken validated)
            return null;
        return ToCaller(new ClaimsPrincipal(result.ClaimsIdentity)) is { } caller ? (caller, validated.ValidTo) : null;
    }

    /// <summary>Reads a validated principal back into a caller; null when the claims are incomplete or malformed.</summary>
    public static Caller? ToCaller(ClaimsPrincipal principal)
    {
        if (!long.TryParse(principal.FindFirstValue(CleanChatClaims.Subject), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return null;

        var name = principal.FindFirstValue(CleanChatClaims.Name) ?? string.Empty;
        switch (principal.FindFirstValue(CleanChatClaims.ParticipantType))
        {
            case "customer":
                return new Caller(ParticipantRef.Customer(id), null, null, name);
            case "user" when long.TryParse(principal.FindFirstValue(CleanChatClaims.SalonId), NumberStyles.None, CultureInfo.InvariantCulture, out var salonId):
                var role = principal.FindFirstValue(CleanChatClaims.Role) == "admin" ? StaffRole.Admin : StaffRole.Staff;
                return new Caller(ParticipantRef.User(id), salonId, role, name);
            default:
                return null;
        }
    }
}
