using System.Security.Cryptography;
using System.Text;
using CleanChat.Application.Common.Interfaces;
using Microsoft.AspNetCore.WebUtilities;

namespace CleanChat.Infrastructure.Identity;

/// <summary>
/// Session values are 256 random bits; the store keeps their SHA-256. A plain hash suffices (no salt, no
/// stretching): the value is random and long, so there is no dictionary to try, and lookups stay one index probe.
/// </summary>
public sealed class SessionTokens : ISessionTokens
{
    public (string Token, string Hash) Create()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
