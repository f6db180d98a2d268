using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanChat.WebApi.FunctionalTests.Browser;

/// <summary>The unread total in the tab's title and a system notification for a message while the tab is hidden, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationsInTheBrowserTests : IClassFixture<AppServer>
{
    // Records what the app shows through the Notification API, and lets the test say whether the tab is
    // hidden (a headless page is always "visible", and its notifications are shown nowhere to look at).
    private const string RecordNotifications = """
        window.__notifications = [];
        const RealNotification = window.Notification;
        window.Notification = new Proxy(RealNotification, {
          construct(target, args) {
            const shown = Reflect.construct(target, args);
            window.__notifications.push({ title: args[0], body: args[1]?.body, tag: args[1]?.tag });
            window.__lastNotification = shown;
            return shown;
          },
          get(target, name) {
            const value = Reflect.get(target, name);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
        Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get() { return window.__hidden === true; } });
        Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get() { return window.__hidden === true ? 'hidden' : 'visible'; } });
        """;

    private readonly IBrowser _browser;
    private readonly AppServer _server;

    public NotificationsInTheBrowserTests(BrowserFixture browser, AppServer server)
    {
        _browser = browser.Browser;
        _server = server;
    }

    [Fact]
    public async Task A_hidden_tab_shows_a_notification_that_opens_the_chat_and_the_title_counts_unread()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: "Welcome to the salon.");
        await using var app = await ChatAppPage.OpenAsync(_browser, _server.BaseAddress, permissions: ["notifications"], initScript: RecordNotifications);
        await app.SignInHereAsync(staff: false, world.Customer.Login, TestWorld.Password);
        await Expect(app.Status).ToHaveTextAsync("Connected");
        await Expect(app.Page).ToHaveTitleAsync("(1) CleanChat");
        await Expect(app.Page.Locator("#notifications")).ToBeHiddenAsync();

        // Hidden: a new message is announced.
        await app.Page.EvaluateAsync("() => { window.__hidden = true; }");
        await ChatApi.SendAsync(world.Staff, chatId, "Your chair is ready.");
        await app.Page.WaitForFunctionAsync("() => window.__notifications.length === 1");
        var shown = await app.Page.EvaluateAsync<Shown>("() => window.__notifications[0]");
        shown.Title.ShouldContain("staff");
        shown.Body.ShouldBe("Your chair is ready.");
        shown.Tag.ShouldBe($"chat-{chatId}");
        await Expect(app.Page).ToHaveTitleAsync("(2) CleanChat");

        // Visible: the list shows it, nothing pops up.
        await app.Page.EvaluateAsync("() => { window.__hidden = false; }");
        await ChatApi.SendAsync(world.Staff, chatId, "See you soon.");
        var item = app.Page.Locator($".chat-item[data-chat-id=\"{chatId}\"]");
        await Expect(item.Locator(".chat-item-preview")).ToHaveTextAsync("See you soon.");
        (await app.Page.EvaluateAsync<int>("() => window.__notifications.length")).ShouldBe(1);

        // Clicking the notification opens its chat, which reads it: the title loses its count.
        await app.Page.EvaluateAsync("() => window.__lastNotification.dispatchEvent(new Event('click'))");
        await Expect(app.Message("Your chair is ready.")).ToBeVisibleAsync();
        await Expect(app.Page).ToHaveTitleAsync("CleanChat");
    }

    [Fact]
    public async Task Permission_is_asked_only_when_the_user_presses_the_button()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        await using var app = await ChatAppPage.OpenAsync(_browser, _server.BaseAddress);
        await app.SignInHereAsync(staff: true, world.Staff.Login, TestWorld.Password);
        await Expect(app.Status).ToHaveTextAsync("Connected");
        var button = app.Page.Locator("#notifications");
        await Expect(button).ToBeVisibleAsync();
        (await app.Page.EvaluateAsync<string>("() => Notification.permission")).ShouldBe("default");

        await app.Page.Context.GrantPermissionsAsync(["notifications"]);
        await button.ClickAsync();

        await Expect(button).ToBeHiddenAsync();
        (await app.Page.EvaluateAsync<string>("() => Notification.permission")).ShouldBe("granted");
    }

    private sealed class Shown
    {
        public string Title { get; set; } = "";
        public string Body { get; set; } = "";
        public string Tag { get; set; } = "";
    }
}
