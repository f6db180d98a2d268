using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// IdentityModel 5.7.2's defaults are weak; each override is proved here with a token forged under the
/// service's own key, so only the overridden rule can be what refuses it.
/// </summary>
public class JwtHardeningTests : IClassFixture<CleanChatApiFactory>
{
    private readonly CleanChatApiFactory _factory;

    public JwtHardeningTests(CleanChatApiFactory factory) => _factory = factory;

    [Fact]
    public async Task A_well_formed_HS256_token_is_accepted()
    {
        (await CallWith(Forge(SecurityAlgorithms.HmacSha256))).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.HmacSha384)]
    [InlineData(SecurityAlgorithms.HmacSha512)]
    public async Task A_token_signed_with_another_HMAC_algorithm_under_the_same_key_is_refused(string algorithm)
    {
        (await CallWith(Forge(algorithm))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused()
    {
        var signed = Forge(SecurityAlgorithms.HmacSha256).Split('.');
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");

        (await CallWith($"{header}.{signed[1]}.")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_without_expiry_is_refused()
    {
        (await CallWith(Forge(SecurityAlgorithms.HmacSha256, withExpiry: false))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_expired_a_minute_ago_is_refused_because_skew_is_at_most_30_seconds()
    {
        // The library default (5 minutes of skew) would still accept this token.
        (await CallWith(Forge(SecurityAlgorithms.HmacSha256, expires: DateTime.UtcNow.AddSeconds(-60)))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("someone-else", "cleanchat-clients")]
    [InlineData("cleanchat", "someone-elses-clients")]
    public async Task A_token_for_another_issuer_or_audience_is_refused(string issuer, string audience)
    {
        (await CallWith(Forge(SecurityAlgorithms.HmacSha256, issuer: issuer, audience: audience))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        (await CallWith(Forge(SecurityAlgorithms.HmacSha256, key: "an-attackers-key-that-is-long-enough-to-sign-0000"))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpStatusCode> CallWith(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/v1/chat/stats")).StatusCode;
    }

    private static string Forge(string algorithm, DateTime? expires = null, bool withExpiry = true, string issuer = "cleanchat", string audience = "cleanchat-clients", string key = CleanChatApiFactory.SigningKey)
    {
        var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var now = DateTime.UtcNow;
        var token = handler.CreateJwtSecurityToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(new[] { new Claim("sub", "1"), new Claim("ptype", "customer"), new Claim("name", "Forged") }),
            IssuedAt = now.AddMinutes(-5),
            NotBefore = now.AddMinutes(-5),
            Expires = withExpiry ? expires ?? now.AddMinutes(10) : null,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm),
        });
        return handler.WriteToken(token);
    }
}
