using System.Net;
using System.Net.WebSockets;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using CleanChat.WebApi.Realtime;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>Who may open a socket: bad tokens end with 1008 after the handshake, foreign origins never get one.</summary>
public class RealtimeSecurityTests : IClassFixture<RealtimeSecurityTests.Factory>
{
    private readonly Factory _factory;

    public RealtimeSecurityTests(Factory factory) => _factory = factory;

    public static IEnumerable<object[]> BadTokens() => new[]
    {
        new object[] { "missing", "Missing token" },
        new object[] { "garbage", "Invalid or expired token" },
        new object[] { "expired", "Invalid or expired token" },
        new object[] { "wrong key", "Invalid or expired token" },
        new object[] { "customer token on staff endpoint", "use the customer endpoint" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Bad_token_is_accepted_then_closed_with_1008_and_a_reason(string kind, string reason)
    {
        var world = await TestWorld.CreateAsync(_factory);
        var token = kind switch
        {
            "missing" => null,
            "garbage" => "not-a-jwt",
            "expired" => Forge(world.Staff, DateTime.UtcNow.AddMinutes(-5)),
            "wrong key" => Forge(world.Staff, DateTime.UtcNow.AddMinutes(5), "another-key-that-is-long-enough-for-hs256-0000"),
            _ => world.Customer.Token,
        };

        await using var client = await SocketClient.ConnectAsync(_factory.SocketUri(ChatSocketEndpoints.StaffPath, token));

        (await client.WaitForCloseAsync()).ShouldBe(WebSocketCloseStatus.PolicyViolation);
        client.CloseDescription.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public async Task Native_clients_may_send_the_token_in_the_authorization_header()
    {
        var world = await TestWorld.CreateAsync(_factory);

        await using var client = await SocketClient.ConnectAsync(_factory.SocketUri(ChatSocketEndpoints.CustomerPath, null),
            options => options.SetRequestHeader("Authorization", $"Bearer {world.Customer.Token}"));

        (await client.WaitForAsync("connected"))["participant_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
    }

    [Fact]
    public async Task A_token_that_expires_while_connected_closes_the_socket_with_1008()
    {
        var world = await TestWorld.CreateAsync(_factory);

        // The library checks the token against the real clock and the gateway times its expiry on the
        // service's clock; start both together, then move the service's clock past the expiry.
        _factory.Time.CatchUpWithRealTime();
        await using var client = await SocketClient.ConnectAsync(_factory.SocketUri(ChatSocketEndpoints.StaffPath, Forge(world.Staff, DateTime.UtcNow.AddSeconds(20))));
        await client.WaitForAsync("connected");

        _factory.Time.Advance(TimeSpan.FromSeconds(21));

        (await client.WaitForCloseAsync()).ShouldBe(WebSocketCloseStatus.PolicyViolation);
        client.CloseDescription.ShouldBe("Token expired");
    }

    [Theory]
    [InlineData("https://app.example.test", true)]
    [InlineData("https://evil.example.test", false)]
    [InlineData("self", true)] // the service's own web app: an origin naming the host the socket was opened on
    [InlineData("http://127.0.0.1.evil.example.test", false)]
    public async Task Handshake_from_a_foreign_browser_origin_is_refused(string origin, bool allowed)
    {
        var world = await TestWorld.CreateAsync(_factory);
        if (origin == "self")
            origin = "http://" + _factory.SocketUri(ChatSocketEndpoints.StaffPath, null).Authority;
        var connect = SocketClient.ConnectAsync(_factory, world.Staff, options =>
        {
            options.SetRequestHeader("Origin", origin);
            options.CollectHttpResponseDetails = true;
        });

        if (allowed)
        {
            await using var client = await connect;
            await client.WaitForAsync("connected");
        }
        else
        {
            var failure = await Should.ThrowAsync<WebSocketException>(connect);
            failure.Message.ShouldContain("403");
        }
    }

    [Fact]
    public async Task A_participant_may_hold_only_the_configured_number_of_sockets()
    {
        var world = await TestWorld.CreateAsync(_factory);
        await using var first = await SocketClient.ConnectAsync(_factory, world.Colleague);
        await using var second = await SocketClient.ConnectAsync(_factory, world.Colleague);
        await first.WaitForAsync("connected");
        await second.WaitForAsync("connected");

        await using var third = await SocketClient.ConnectAsync(_factory, world.Colleague);

        (await third.WaitForCloseAsync()).ShouldBe(WebSocketCloseStatus.PolicyViolation);
        third.CloseDescription!.ShouldContain("Too many open connections");
    }

    [Fact]
    public async Task A_plain_http_request_to_the_socket_endpoint_is_a_400_problem()
    {
        var response = await _factory.CreateClient().GetAsync(ChatSocketEndpoints.StaffPath);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private static string Forge(Person person, DateTime expires, string key = CleanChatApiFactory.SigningKey) =>
        TokenForge.Write(TokenForge.Staff(person.Id, salonId: 1), expires, key: key, notBefore: expires.AddMinutes(-10));

    public sealed class Factory : RealtimeFactory
    {
        public Factory()
            : base(new Dictionary<string, string?>
            {
                ["Cors:AllowedOrigins:0"] = "https://app.example.test",
                ["Realtime:MaxConnectionsPerParticipant"] = "2",
            })
        {
        }
    }
}
