using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>Writes access tokens by hand, so a test can vary exactly one thing the service checks.</summary>
public static class TokenForge
{
    public static string Write(
        IDictionary<string, object> claims,
        DateTime? expires,
        string algorithm = SecurityAlgorithms.HmacSha256,
        string key = CleanChatApiFactory.SigningKey,
        string issuer = "cleanchat",
        string audience = "cleanchat-clients",
        DateTime? notBefore = null,
        IDictionary<string, object>? extraHeaders = null) =>
        Write(claims, expires, new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm), issuer, audience, notBefore, extraHeaders);

    public static string Write(
        IDictionary<string, object> claims,
        DateTime? expires,
        SigningCredentials signing,
        string issuer = "cleanchat",
        string audience = "cleanchat-clients",
        DateTime? notBefore = null,
        IDictionary<string, object>? extraHeaders = null)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var start = notBefore ?? DateTime.UtcNow.AddMinutes(-5);
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = start,
            NotBefore = start,
            Expires = expires,
            SigningCredentials = signing,
            AdditionalHeaderClaims = extraHeaders,
        });
    }

    public static Dictionary<string, object> Customer(long id, string name = "Forged") => new()
    {
        ["sub"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ptype"] = "customer",
        ["name"] = name,
    };

    public static Dictionary<string, object> Staff(long id, long salonId, string role = "staff", string name = "Forged") => new()
    {
        ["sub"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ptype"] = "user",
        ["salon_id"] = salonId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["role"] = role,
        ["name"] = name,
    };
}
