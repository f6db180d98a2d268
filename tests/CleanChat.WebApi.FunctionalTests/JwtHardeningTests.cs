using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// IdentityModel's defaults are weak; each rule is proved here with a token forged under the service's own
/// 64-byte key (long enough to sign HS512), so only the rule under test can be what refuses it.
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
        Encoding.UTF8.GetByteCount(CleanChatApiFactory.SigningKey).ShouldBeGreaterThanOrEqualTo(64, "a shorter key cannot sign HS512, and the test would pass for the wrong reason");

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
    public async Task A_token_carrying_its_own_signing_key_in_the_header_is_refused()
    {
        const string attackerKey = "an-attackers-key-that-is-long-enough-to-sign-with-hs256-00000000";
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(attackerKey)) { KeyId = "attacker" };
        var embedded = new Dictionary<string, object>
        {
            ["jwk"] = new Dictionary<string, object> { ["kty"] = "oct", ["kid"] = "attacker", ["k"] = Base64UrlEncoder.Encode(attackerKey) },
        };

        var token = TokenForge.Write(TokenForge.Customer(1), DateTime.UtcNow.AddMinutes(10), new SigningCredentials(key, SecurityAlgorithms.HmacSha256), extraHeaders: embedded);

        (await CallWith(token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_an_asymmetric_algorithm_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var signing = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);

        (await CallWith(TokenForge.Write(TokenForge.Customer(1), DateTime.UtcNow.AddMinutes(10), signing))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_without_expiry_is_refused()
    {
        (await CallWith(TokenForge.Write(TokenForge.Customer(1), expires: null))).ShouldBe(HttpStatusCode.Unauthorized);
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
        (await CallWith(TokenForge.Write(TokenForge.Customer(1), DateTime.UtcNow.AddMinutes(10), issuer: issuer, audience: audience))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        (await CallWith(TokenForge.Write(TokenForge.Customer(1), DateTime.UtcNow.AddMinutes(10), key: "an-attackers-key-that-is-long-enough-to-sign-0000"))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpStatusCode> CallWith(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/v1/chat/stats")).StatusCode;
    }

    private static string Forge(string algorithm, DateTime? expires = null) =>
        TokenForge.Write(TokenForge.Customer(1), expires ?? DateTime.UtcNow.AddMinutes(10), algorithm);
}
