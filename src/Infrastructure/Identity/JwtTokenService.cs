using System.Globalization;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Common;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CleanChat.Infrastructure.Identity;

/// <summary>Issues access tokens and holds the one set of rules every token is validated against.</summary>
public sealed class JwtTokenService : IAccessTokenIssuer
{
    private readonly JwtOptions _options;
    private readonly TimeProvider _time;
    private readonly SymmetricSecurityKey _key;
    private readonly StrictJwtSecurityTokenHandler _handler = new();

    public JwtTokenService(IOptions<JwtOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.SigningKey));
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
            ClockSkew = TimeSpan.FromSeconds(_options.ClockSkewSeconds),
            NameClaimType = CleanChatClaims.Name,
            RoleClaimType = CleanChatClaims.Role,
        };
    }

    public TokenValidationParameters ValidationParameters { get; }

    public ISecurityTokenValidator Validator => _handler;

    public AccessToken Issue(Caller caller)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var lifetime = TimeSpan.FromMinutes(_options.AccessTokenLifetimeMinutes);
        var claims = new List<Claim>
        {
            new(CleanChatClaims.Subject, caller.Participant.Id.ToString(CultureInfo.InvariantCulture)),
            new(CleanChatClaims.ParticipantType, caller.Participant.Type == ParticipantType.User ? "user" : "customer"),
            new(CleanChatClaims.Name, caller.DisplayName),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        if (caller.SalonId is { } salonId)
            claims.Add(new Claim(CleanChatClaims.SalonId, salonId.ToString(CultureInfo.InvariantCulture)));
        if (caller.Role is { } role)
            claims.Add(new Claim(CleanChatClaims.Role, role == StaffRole.Admin ? "admin" : "staff"));

        var token = _handler.CreateJwtSecurityToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(_key, StrictJwtSecurityTokenHandler.Algorithm),
        });
        return new AccessToken(_handler.WriteToken(token), (int)lifetime.TotalSeconds);
    }

    /// <summary>
    /// Validates a token outside the HTTP authentication handler (WebSocket handshakes) with the same
    /// rules; returns the caller and when the token expires, or null for any invalid token.
    /// </summary>
    public (Caller Caller, DateTime ExpiresAt)? Validate(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || !_handler.CanReadToken(token))
            return null;
        try
        {
            var principal = _handler.ValidateToken(token, ValidationParameters, out var validated);
            return ToCaller(principal) is { } caller ? (caller, validated.ValidTo) : null;
        }
        catch (Exception ex) when (ex is SecurityTokenException or ArgumentException)
        {
            return null;
        }
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
