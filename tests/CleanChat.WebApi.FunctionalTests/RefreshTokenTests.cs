using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using CleanChat.WebApi.Realtime;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>Refresh tokens over real HTTP: rotation, reuse revoking the family, logout, and each kind of account at its own endpoint.</summary>
public class RefreshTokenTests : IClassFixture<RealtimeFactory>
{
    private readonly RealtimeFactory _factory;

    public RefreshTokenTests(RealtimeFactory factory) => _factory = factory;

    [Fact]
    public async Task A_login_answers_a_refresh_token_that_buys_a_working_access_token_and_a_new_refresh_token()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var login = await StaffLoginAsync(world.Staff);
        login["expires_in"]!.GetValue<int>().ShouldBe(15 * 60);

        var refreshed = await RefreshAsync("/api/v1/auth/refresh", Refresh(login));

        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = await refreshed.ReadJsonAsync();
        tokens["token_type"]!.GetValue<string>().ShouldBe("bearer");
        Refresh(tokens).ShouldNotBe(Refresh(login));
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["access_token"]!.GetValue<string>());
        (await client.GetAsync("/api/v1/chat/chats")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RefreshAsync("/api/v1/auth/refresh", Refresh(tokens))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Presenting_a_retired_refresh_token_again_revokes_the_whole_family()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var login = await StaffLoginAsync(world.Staff);
        var other = await StaffLoginAsync(world.Staff);
        var current = await (await RefreshAsync("/api/v1/auth/refresh", Refresh(login))).ReadJsonAsync();

        var replay = await RefreshAsync("/api/v1/auth/refresh", Refresh(login));

        replay.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await replay.ReadJsonAsync())["code"]!.GetValue<string>().ShouldBe("unauthenticated");
        (await RefreshAsync("/api/v1/auth/refresh", Refresh(current))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Another login of the same person is another family, untouched.
        (await RefreshAsync("/api/v1/auth/refresh", Refresh(other))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_revokes_the_family_and_a_second_logout_is_no_error()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var login = await CustomerLoginAsync(world.Customer);
        var current = await (await RefreshAsync("/api/v1/customer-auth/refresh", Refresh(login))).ReadJsonAsync();

        var client = _factory.CreateClient();
        (await client.PostJsonAsync("/api/v1/auth/logout", new { refresh_token = Refresh(current) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.PostJsonAsync("/api/v1/auth/logout", new { refresh_token = Refresh(current) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await RefreshAsync("/api/v1/customer-auth/refresh", Refresh(current))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // A logout without a JSON body (a cookie client's) is answered as before; broken JSON is named.
        (await client.PostAsync("/api/v1/auth/logout", new StringContent("bye"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var broken = await client.PostAsync("/api/v1/auth/logout", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        broken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Each_kind_of_account_refreshes_at_its_own_endpoint_and_nonsense_is_refused_without_a_500()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var customer = await CustomerLoginAsync(world.Customer);

        (await RefreshAsync("/api/v1/auth/refresh", Refresh(customer))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync("/api/v1/customer-auth/refresh", Refresh(customer))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RefreshAsync("/api/v1/auth/refresh", "not-a-token")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync("/api/v1/auth/refresh", new string('x', 10_000))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _factory.CreateClient().PostJsonAsync("/api/v1/auth/refresh", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<JsonObject> StaffLoginAsync(Person staff)
    {
        var response = await _factory.CreateClient().PostJsonAsync("/api/v1/auth/login", new { username = staff.Login, password = TestWorld.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (JsonObject)await response.ReadJsonAsync();
    }

    private async Task<JsonObject> CustomerLoginAsync(Person customer)
    {
        var response = await _factory.CreateClient().PostJsonAsync("/api/v1/customer-auth/login", new { phone_number = customer.Login, password = TestWorld.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (JsonObject)await response.ReadJsonAsync();
    }

    private Task<HttpResponseMessage> RefreshAsync(string path, string refreshToken) =>
        _factory.CreateClient().PostJsonAsync(path, new { refresh_token = refreshToken });

    private static string Refresh(JsonNode tokens) => tokens["refresh_token"]!.GetValue<string>();
}

/// <summary>An open socket takes a fresh access token of its own account and lives on. (A fixture of its own: it moves the service's clock.)</summary>
public class SocketReauthenticationTests : IClassFixture<RealtimeFactory>
{
    private readonly RealtimeFactory _factory;

    public SocketReauthenticationTests(RealtimeFactory factory) => _factory = factory;

    [Fact]
    public async Task A_fresh_token_of_the_same_account_moves_the_sockets_expiry()
    {
        var world = await TestWorld.CreateAsync(_factory);

        // Tokens are checked against the real clock and sockets expire on the service's: start both together.
        _factory.Time.CatchUpWithRealTime();
        var opened = DateTime.UtcNow;
        await using var socket = await SocketClient.ConnectAsync(_factory.SocketUri(ChatSocketEndpoints.StaffPath, Token(world.Staff, opened.AddMinutes(1))));
        await socket.WaitForAsync("connected");

        var later = new DateTime(opened.AddMinutes(3).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        await socket.SendAsync(new { type = "authenticate", token = Token(world.Staff, later) });

        var authenticated = await socket.WaitForAsync("authenticated");
        DateTime.Parse(authenticated["expires_at"]!.GetValue<string>()).ToUniversalTime().ShouldBe(later);

        // Past the first token's end the socket still answers; past the second's it closes (both well
        // inside the idle timeout, which the ping resets).
        _factory.Time.Advance(TimeSpan.FromMinutes(2));
        await socket.SendAsync(new { type = "ping" });
        await socket.WaitForAsync("pong");
        _factory.Time.Advance(TimeSpan.FromMinutes(1.5));
        (await socket.WaitForCloseAsync()).ShouldBe(WebSocketCloseStatus.PolicyViolation);
        socket.CloseDescription.ShouldBe("Token expired");
    }

    private static string Token(Person staff, DateTime expires) =>
        TokenForge.Write(TokenForge.Staff(staff.Id, salonId: 1), expires, notBefore: DateTime.UtcNow.AddMinutes(-1));
}

/// <summary>A token of anyone else, or an invalid one, closes the socket as the handshake would have refused it.</summary>
public class SocketReauthenticationRefusalTests : IClassFixture<RealtimeFactory>
{
    private readonly RealtimeFactory _factory;

    public SocketReauthenticationRefusalTests(RealtimeFactory factory) => _factory = factory;

    [Theory]
    [InlineData("another account", "Token of another account")]
    [InlineData("invalid", "Invalid or expired token")]
    [InlineData("missing", "Invalid or expired token")]
    public async Task A_token_of_anyone_else_or_an_invalid_one_closes_the_socket_with_1008(string kind, string reason)
    {
        var world = await TestWorld.CreateAsync(_factory);
        await using var socket = await SocketClient.ConnectAsync(_factory, world.Staff);
        await socket.WaitForAsync("connected");

        object frame = kind switch
        {
            "another account" => new { type = "authenticate", token = world.Colleague.Token },
            "invalid" => new { type = "authenticate", token = "not-a-jwt" },
            _ => new { type = "authenticate" },
        };
        await socket.SendAsync(frame);

        (await socket.WaitForCloseAsync()).ShouldBe(WebSocketCloseStatus.PolicyViolation);
        socket.CloseDescription.ShouldBe(reason);
    }
}
