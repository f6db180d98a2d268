using System.Text.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanChat.WebApi.FunctionalTests.Browser;

/// <summary>Sign-in errors, an expiring session, and the protocol console, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionAndConsoleTests : IClassFixture<AppServer>
{
    private readonly IBrowser _browser;
    private readonly AppServer _server;

    public SessionAndConsoleTests(BrowserFixture browser, AppServer server)
    {
        _browser = browser.Browser;
        _server = server;
    }

    [Fact]
    public async Task A_wrong_password_is_named_and_the_user_stays_on_sign_in()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        await using var app = await ChatAppPage.OpenAsync(_browser, _server.BaseAddress);
        await app.ScreenshotAsync("sign-in");

        await app.SignInHereAsync(staff: true, world.Staff.Login, "not-the-password");

        await Expect(app.Page.Locator("#signin-error")).ToHaveTextAsync("Wrong email, phone number or password.");
        await Expect(app.Page.Locator(".layout")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_expiring_token_sends_the_user_back_to_sign_in()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var expires = DateTime.UtcNow.AddSeconds(6);
        var token = TokenForge.Write(TokenForge.Staff(world.Staff.Id, world.SalonId, name: "staff"), expires, notBefore: DateTime.UtcNow.AddMinutes(-1));
        await using var app = await ChatAppPage.OpenAsync(_browser, _server.BaseAddress);

        // The app keeps its session in sessionStorage: put the short-lived one there, as a sign-in would.
        var session = JsonSerializer.Serialize(new
        {
            token, kind = "user", participantId = world.Staff.Id, name = "staff", role = "staff", salonId = world.SalonId,
            expiresAt = new DateTimeOffset(expires).ToUnixTimeMilliseconds(),
        });
        await app.Page.EvaluateAsync("session => sessionStorage.setItem('cleanchat.session', session)", session);
        await app.Page.ReloadAsync();
        await Expect(app.Status).ToHaveTextAsync("Connected");

        await Expect(app.Page.Locator("#signin-error")).ToContainTextAsync("expired", new() { Timeout = 15_000 });
        (await app.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('cleanchat.session')")).ShouldBeNull();
    }

    [Fact]
    public async Task Before_the_access_token_ends_the_app_renews_it_and_hands_it_to_the_open_socket()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var login = await (await _server.Host.CreateClient().PostJsonAsync("/api/v1/auth/login", new { username = world.Staff.Login, password = TestWorld.Password })).ReadJsonAsync();
        var refreshToken = login["refresh_token"]!.GetValue<string>();

        // An access token with 30 s left of 90: the app connects with it, then renews it a quarter of its
        // life (22.5 s) before the end.
        var issued = DateTime.UtcNow.AddMinutes(-1);
        var expires = DateTime.UtcNow.AddSeconds(30);
        var token = TokenForge.Write(TokenForge.Staff(world.Staff.Id, world.SalonId, name: "staff"), expires, notBefore: issued);
        await using var app = await ChatAppPage.OpenAsync(_browser, _server.BaseAddress);
        var authenticated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            if (frame.Text?.Contains("\"type\":\"authenticated\"", StringComparison.Ordinal) == true)
                authenticated.TrySetResult(frame.Text);
        };

        var session = JsonSerializer.Serialize(new
        {
            token, refreshToken, kind = "user", participantId = world.Staff.Id, name = "staff", role = "staff", salonId = world.SalonId,
            issuedAt = new DateTimeOffset(issued).ToUnixTimeMilliseconds(), expiresAt = new DateTimeOffset(expires).ToUnixTimeMilliseconds(),
        });
        await app.Page.EvaluateAsync("session => sessionStorage.setItem('cleanchat.session', session)", session);
        await app.Page.ReloadAsync();
        await Expect(app.Status).ToHaveTextAsync("Connected");

        var frame = JsonDocument.Parse(await authenticated.Task.WaitAsync(TimeSpan.FromSeconds(20))).RootElement;
        var renewed = JsonDocument.Parse((await app.Page.EvaluateAsync<string>("() => sessionStorage.getItem('cleanchat.session')"))!).RootElement;
        renewed.GetProperty("token").GetString().ShouldNotBe(token);
        renewed.GetProperty("refreshToken").GetString().ShouldNotBe(refreshToken);
        DateTimeOffset.FromUnixTimeMilliseconds(renewed.GetProperty("expiresAt").GetInt64()).ShouldBe(frame.GetProperty("expires_at").GetDateTimeOffset());
        await Expect(app.Status).ToHaveTextAsync("Connected");

        // The old refresh token was retired by the renewal: presenting it again is refused.
        var replay = await _server.Host.CreateClient().PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = refreshToken });
        replay.StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_console_connects_and_shows_the_pong_for_a_ping()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        await using var console = await ChatAppPage.OpenAsync(_browser, _server.BaseAddress, "/console/");

        await console.Page.Locator("#token").FillAsync(world.Staff.Token);
        await console.Page.Locator("#connect").ClickAsync();
        await Expect(console.Page.Locator("#log")).ToContainTextAsync("\"type\":\"connected\"");
        await console.Page.Locator("#template").SelectOptionAsync("ping");
        await console.Page.Locator("#send").ClickAsync();

        await Expect(console.Page.Locator("#log .in").Filter(new() { HasText = "\"type\":\"pong\"" })).ToHaveCountAsync(1);
        await Expect(console.Page.Locator("#log .out")).ToContainTextAsync("{\"type\":\"ping\"}");
        await console.ScreenshotAsync("console");
    }

    [Fact]
    public async Task The_console_has_a_template_for_every_frame_the_service_accepts_and_logs_the_close()
    {
        await using var console = await ChatAppPage.OpenAsync(_browser, _server.BaseAddress, "/console/");

        var types = new HashSet<string>();
        foreach (var option in await console.Page.Locator("#template option").AllAsync())
        {
            await console.Page.Locator("#template").SelectOptionAsync(await option.GetAttributeAsync("value") ?? string.Empty);
            using var frame = JsonDocument.Parse(await console.Page.Locator("#frame").InputValueAsync());
            types.Add(frame.RootElement.GetProperty("type").GetString()!);
        }

        types.ShouldBe(CleanChat.Infrastructure.Realtime.FrameDispatcher.FrameTypes, ignoreOrder: true);

        // A token that is not one: the server's close code and reason are shown.
        await console.Page.Locator("#token").FillAsync("not-a-token");
        await console.Page.Locator("#connect").ClickAsync();
        await Expect(console.Page.Locator("#log")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("closed: code \\d{4}"));
        await Expect(console.Page.Locator("#connect")).ToBeEnabledAsync();
    }
}
