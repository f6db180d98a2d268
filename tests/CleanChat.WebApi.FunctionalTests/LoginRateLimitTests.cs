using System.Net;
using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests;

public class LoginRateLimitTests
{
    [Fact]
    public async Task Per_account_limit_answers_429_with_retry_after_even_for_the_right_password()
    {
        using var factory = new LimitedFactory(perAccount: 3, perAddress: 1000);
        var world = await TestWorld.CreateAsync(factory);
        var client = factory.CreateClient();

        // TestWorld already used one attempt for this account when logging it in.
        for (var i = 0; i < 2; i++)
            (await Login(client, world.Staff.Login, "wrong-password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var limited = await Login(client, world.Staff.Login, TestWorld.Password);
        var otherAccount = await Login(client, world.Colleague.Login, TestWorld.Password);

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThan(0);
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        otherAccount.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Per_address_limit_answers_429_with_retry_after_across_accounts()
    {
        using var factory = new LimitedFactory(perAccount: 1000, perAddress: 4);
        var client = factory.CreateClient();

        for (var i = 0; i < 4; i++)
            (await Login(client, $"user{i}@example.test", "whatever-password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var limited = await client.PostAsJsonAsync("/api/v1/customer-auth/login", new { phone_number = "+15550000000", password = "whatever" });

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThan(0);
        (await limited.ReadJsonAsync())["status"]!.GetValue<int>().ShouldBe(429);
    }

    [Fact]
    public async Task Session_logins_share_the_token_logins_limits()
    {
        using var factory = new LimitedFactory(perAccount: 3, perAddress: 1000);
        var world = await TestWorld.CreateAsync(factory);
        var client = factory.CreateClient();

        // One attempt went on TestWorld's token login, one on this wrong session login.
        (await client.PostAsJsonAsync("/api/v1/customer-auth/session", new { phone_number = world.Customer.Login, password = "wrong-password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/v1/customer-auth/login", new { phone_number = world.Customer.Login, password = "wrong-password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var limited = await client.PostAsJsonAsync("/api/v1/customer-auth/session", new { phone_number = world.Customer.Login, password = TestWorld.Password });

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task The_per_address_limit_covers_session_logins()
    {
        using var factory = new LimitedFactory(perAccount: 1000, perAddress: 2);
        var client = factory.CreateClient();

        for (var i = 0; i < 2; i++)
            (await client.PostAsJsonAsync("/api/v1/auth/session", new { username = $"user{i}@example.test", password = "whatever-password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await client.PostAsJsonAsync("/api/v1/auth/session", new { username = "user9@example.test", password = "whatever-password" })).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    private static Task<HttpResponseMessage> Login(HttpClient client, string username, string password) =>
        client.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = username, ["password"] = password }));

    private sealed class LimitedFactory : CleanChatApiFactory
    {
        private readonly int _perAccount;
        private readonly int _perAddress;

        public LimitedFactory(int perAccount, int perAddress)
        {
            _perAccount = perAccount;
            _perAddress = perAddress;
        }

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Jwt:SigningKey"] = SigningKey,
            ["LoginRateLimit:PerAccountPermits"] = _perAccount.ToString(),
            ["LoginRateLimit:PerAccountWindowSeconds"] = "600",
            ["LoginRateLimit:PerAddressPermits"] = _perAddress.ToString(),
            ["LoginRateLimit:PerAddressWindowSeconds"] = "600",
        };
    }
}
