using System.Net;
using CleanChat.Infrastructure.Persistence;
using CleanChat.Infrastructure.Push;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>Web Push to a push service on a loopback port: only for participants with no socket, encrypted for the browser, signed by the service.</summary>
public class WebPushTests : IClassFixture<WebPushTests.Factory>, IAsyncLifetime
{
    private const string Subject = "mailto:ops@cleanchat.test";
    private static readonly (string PublicKey, string PrivateKey) Keys = VapidKeys.Generate();

    private readonly Factory _factory;
    private FakePushService _pushService = null!;

    public WebPushTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => _pushService = await FakePushService.StartAsync();

    public async Task DisposeAsync() => await _pushService.DisposeAsync();

    [Fact]
    public async Task An_offline_participant_gets_an_encrypted_push_with_the_chat_the_sender_and_a_preview()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        (await (await world.Customer.Client.GetAsync("/api/v1/push/vapid-public-key")).ReadJsonAsync())["public_key"]!.GetValue<string>().ShouldBe(Keys.PublicKey);
        var browser = _pushService.Subscribe();
        (await world.Customer.Client.PostJsonAsync("/api/v1/push/subscriptions", browser.ToJson())).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var sent = await ChatApi.SendAsync(world.Staff, chatId, "Your appointment is confirmed for Friday at 3 pm. " + new string('x', 200));

        var push = await _pushService.NextAsync();
        push.SubscriptionId.ShouldBe(browser.Id);
        push.ContentEncoding.ShouldBe("aes128gcm");
        push.TimeToLive.ShouldBe("86400");
        Vapid.ShouldBeSignedBy(push, Keys.PublicKey, _pushService.BaseAddress, Subject);
        var payload = browser.Decrypt(push.Body);
        payload.GetProperty("type").GetString().ShouldBe("message");
        payload.GetProperty("chat_id").GetInt64().ShouldBe(chatId);
        payload.GetProperty("message_id").GetInt64().ShouldBe(sent["id"]!.GetValue<long>());
        payload.GetProperty("sender_name").GetString().ShouldBe("staff");
        var preview = payload.GetProperty("preview").GetString()!;
        preview.ShouldStartWith("Your appointment is confirmed");
        preview.Length.ShouldBe(100);
    }

    [Fact]
    public async Task A_new_chats_first_message_is_pushed_too()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var browser = _pushService.Subscribe();
        (await world.Customer.Client.PostJsonAsync("/api/v1/push/subscriptions", browser.ToJson())).EnsureSuccessStatusCode();

        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: "Welcome to the salon.");

        var payload = browser.Decrypt((await _pushService.NextAsync()).Body);
        (payload.GetProperty("chat_id").GetInt64(), payload.GetProperty("preview").GetString()).ShouldBe((chatId, "Welcome to the salon."));
    }

    [Fact]
    public async Task A_participant_with_an_open_socket_gets_no_push()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        var browser = _pushService.Subscribe();
        (await world.Customer.Client.PostJsonAsync("/api/v1/push/subscriptions", browser.ToJson())).EnsureSuccessStatusCode();

        await using (var socket = await SocketClient.ConnectAsync(_factory, world.Customer))
        {
            await socket.JoinAsync(chatId);
            await ChatApi.SendAsync(world.Staff, chatId, "Seen live");
            await socket.WaitForAsync("message");
        }

        await Eventually.HoldsAsync(async () => !await OnlineAsync(world, chatId), "the customer shown offline");
        await ChatApi.SendAsync(world.Staff, chatId, "Sent while away");

        // Pushes leave in order from one queue: the first to arrive is the one sent while away.
        browser.Decrypt((await _pushService.NextAsync()).Body).GetProperty("preview").GetString().ShouldBe("Sent while away");
    }

    [Fact]
    public async Task A_subscription_the_push_service_calls_gone_is_deleted()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        var browser = _pushService.Subscribe(HttpStatusCode.Gone);
        (await world.Customer.Client.PostJsonAsync("/api/v1/push/subscriptions", browser.ToJson())).EnsureSuccessStatusCode();
        (await CountAsync(browser.Endpoint)).ShouldBe(1);

        await ChatApi.SendAsync(world.Staff, chatId, "Are you still there?");

        (await _pushService.NextAsync()).SubscriptionId.ShouldBe(browser.Id);
        await Eventually.HoldsAsync(async () => await CountAsync(browser.Endpoint) == 0, "the subscription deleted");
    }

    [Fact]
    public async Task A_push_service_that_is_busy_is_tried_again_after_a_wait()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        var browser = _pushService.Subscribe(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.Created);
        (await world.Customer.Client.PostJsonAsync("/api/v1/push/subscriptions", browser.ToJson())).EnsureSuccessStatusCode();

        await ChatApi.SendAsync(world.Staff, chatId, "Try again");

        // The waits run on the service's clock: move it on until each retry has gone out.
        var pushes = new List<ReceivedPush> { await _pushService.NextAsync() };
        while (pushes.Count < 3)
        {
            var next = _pushService.NextAsync(TimeSpan.FromMilliseconds(200));
            _factory.Time.Advance(TimeSpan.FromSeconds(1));
            try
            {
                pushes.Add(await next);
            }
            catch (OperationCanceledException)
            {
                // Not yet: the sender had not started its wait when the clock moved.
            }
        }

        pushes.ShouldAllBe(push => push.SubscriptionId == browser.Id);
        pushes.Select(push => browser.Decrypt(push.Body).GetProperty("preview").GetString()).ShouldAllBe(preview => preview == "Try again");
        (await CountAsync(browser.Endpoint)).ShouldBe(1);
    }

    [Fact]
    public async Task Subscriptions_are_checked_and_only_their_owner_removes_them()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var browser = _pushService.Subscribe();

        var badKey = await world.Customer.Client.PostJsonAsync("/api/v1/push/subscriptions",
            new { endpoint = browser.Endpoint, keys = new { p256dh = "not-a-key", auth = "AAAAAAAAAAAAAAAAAAAAAA" } });
        badKey.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badKey.ReadJsonAsync())["errors"]!["keys.p256dh"].ShouldNotBeNull();
        (await world.Customer.Client.PostJsonAsync("/api/v1/push/subscriptions", new { endpoint = "ftp://push.example/x", keys = new { } })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await world.Customer.Client.PostJsonAsync("/api/v1/push/subscriptions", browser.ToJson())).EnsureSuccessStatusCode();
        (await world.OtherCustomer.Client.DeleteAsync($"/api/v1/push/subscriptions?endpoint={Uri.EscapeDataString(browser.Endpoint)}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await CountAsync(browser.Endpoint)).ShouldBe(1);
        (await world.Customer.Client.DeleteAsync($"/api/v1/push/subscriptions?endpoint={Uri.EscapeDataString(browser.Endpoint)}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await CountAsync(browser.Endpoint)).ShouldBe(0);
    }

    [Fact]
    public async Task An_account_keeps_its_ten_newest_browsers()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var browsers = Enumerable.Range(0, 11).Select(_ => _pushService.Subscribe()).ToList();

        foreach (var browser in browsers)
            (await world.Customer.Client.PostJsonAsync("/api/v1/push/subscriptions", browser.ToJson())).EnsureSuccessStatusCode();

        (await CountAsync(browsers[0].Endpoint)).ShouldBe(0);
        foreach (var browser in browsers.Skip(1))
            (await CountAsync(browser.Endpoint)).ShouldBe(1);
    }

    private async Task<bool> OnlineAsync(TestWorld world, long chatId)
    {
        var chat = await (await world.Staff.Client.GetAsync($"/api/v1/chat/chats/{chatId}")).ReadJsonAsync();
        return chat["participants"]!.AsArray().Any(p => p!["participant_type"]!.GetValue<string>() == "customer" && p["is_online"]!.GetValue<bool>());
    }

    private async Task<int> CountAsync(string endpoint)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChatDbContext>().PushSubscriptions.CountAsync(s => s.Endpoint == endpoint);
    }

    public sealed class Factory : RealtimeFactory
    {
        public Factory()
            : base(new Dictionary<string, string?>
            {
                ["WebPush:PublicKey"] = Keys.PublicKey,
                ["WebPush:PrivateKey"] = Keys.PrivateKey,
                ["WebPush:Subject"] = Subject,
                ["WebPush:AllowInsecureEndpoints"] = "true",
            })
        {
        }
    }
}

/// <summary>Without a VAPID key pair, push is off and says so.</summary>
public class WebPushOffTests : IClassFixture<CleanChatApiFactory>
{
    private readonly CleanChatApiFactory _factory;

    public WebPushOffTests(CleanChatApiFactory factory) => _factory = factory;

    [Fact]
    public async Task The_key_and_subscribing_answer_404()
    {
        var world = await TestWorld.CreateAsync(_factory);

        (await world.Customer.Client.GetAsync("/api/v1/push/vapid-public-key")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var subscription = new BrowserSubscription("x", "https://push.example.test/x").ToJson();
        (await world.Customer.Client.PostJsonAsync("/api/v1/push/subscriptions", subscription)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _factory.CreateClient().GetAsync("/api/v1/push/vapid-public-key")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("http://push.example.test/x")]
    [InlineData("https://127.0.0.1/x")]
    [InlineData("https://[::1]/x")]
    [InlineData("https://localhost/x")]
    [InlineData("https://intranet/x")]
    public async Task An_endpoint_that_is_not_a_public_https_push_service_is_refused(string endpoint)
    {
        var world = await TestWorld.CreateAsync(_factory);
        var subscription = new BrowserSubscription("x", endpoint).ToJson();

        var response = await world.Customer.Client.PostJsonAsync("/api/v1/push/subscriptions", subscription);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!["endpoint"].ShouldNotBeNull();
    }
}
