using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Tokens;

namespace CleanChat.Infrastructure.Identity;

/// <summary>
/// IdentityModel 5.7.2 accepts any HMAC algorithm the key supports (HS384 and HS512 as well as HS256) and
/// has no ValidAlgorithms setting; this handler refuses every token not signed with exactly HS256.
/// </summary>
internal sealed class StrictJwtSecurityTokenHandler : JwtSecurityTokenHandler
{
    public const string Algorithm = SecurityAlgorithms.HmacSha256;

    public StrictJwtSecurityTokenHandler()
    {
        // Keep claim names as issued ("sub", "role"), not remapped to long XML-namespace URIs.
        InboundClaimTypeMap.Clear();
        OutboundClaimTypeMap.Clear();
    }

    protected override JwtSecurityToken ValidateSignature(string token, TokenValidationParameters validationParameters)
    {
        var validated = base.ValidateSignature(token, validationParameters);
        if (!string.Equals(validated.Header.Alg, Algorithm, StringComparison.Ordinal))
            throw new SecurityTokenInvalidSignatureException($"Token algorithm '{validated.Header.Alg}' is not accepted; only {Algorithm} is.");
        return validated;
    }
}
