using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanChat.WebApi.FunctionalTests.Browser;

/// <summary>The app on a 360 px phone screen, driven with the keyboard alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SmallScreenAndKeyboardTests : IClassFixture<AppServer>
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    private readonly IBrowser _browser;
    private readonly AppServer _server;

    public SmallScreenAndKeyboardTests(BrowserFixture browser, AppServer server)
    {
        _browser = browser.Browser;
        _server = server;
    }

    [Fact]
    public async Task A_customer_on_a_phone_signs_in_opens_a_chat_and_replies_with_the_keyboard_alone()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: "Your booking is at 10:00.");
        await using var app = await ChatAppPage.OpenAsync(_browser, _server.BaseAddress, viewport: Phone);

        await app.TabToAsync(app.Page.GetByRole(AriaRole.Button, new() { Name = "Customer", Exact = true }));
        await app.Page.Keyboard.PressAsync("Enter");
        await app.TabToAsync(app.Page.GetByLabel("Phone number"));
        await app.Page.Keyboard.TypeAsync(world.Customer.Login);
        await app.TabToAsync(app.Page.GetByLabel("Password"));
        await app.Page.Keyboard.TypeAsync(TestWorld.Password);
        await app.Page.Keyboard.PressAsync("Enter");
        await Expect(app.Status).ToHaveTextAsync("Connected");
        (await app.OverflowsSidewaysAsync()).ShouldBeFalse("the chat list is wider than the phone");

        var item = app.Page.Locator($".chat-item[data-chat-id=\"{chatId}\"]");
        await app.TabToAsync(item);
        (await item.EvaluateAsync<string>("node => getComputedStyle(node).outlineStyle")).ShouldNotBe("none", "the focused chat shows no focus ring");
        await app.Page.Keyboard.PressAsync("Enter");
        await app.WaitUntilLiveAsync();

        // One pane at a time on a phone: the chat replaces the list.
        await Expect(app.Page.Locator(".list-pane")).ToBeHiddenAsync();
        await Expect(app.Message("Your booking is at 10:00.")).ToBeVisibleAsync();
        await app.TabToAsync(app.Page.Locator("#composer-text"));
        await app.Page.Keyboard.TypeAsync("See you then.");
        await app.Page.Keyboard.PressAsync("Enter");
        await Expect(app.Message("See you then.").Locator(".status-mark")).ToHaveAttributeAsync("data-status", "sent");
        await app.ScreenshotAsync("chat-phone");
        (await app.OverflowsSidewaysAsync()).ShouldBeFalse("the open chat is wider than the phone");

        await app.TabToAsync(app.Page.GetByRole(AriaRole.Button, new() { Name = "Back to chats" }));
        await app.Page.Keyboard.PressAsync("Enter");
        await Expect(item).ToBeVisibleAsync();
        await Expect(item.Locator(".chat-item-preview")).ToHaveTextAsync("See you then.");
    }
}
