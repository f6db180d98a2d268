using System.Net.Http.Headers;
using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanChat.WebApi.FunctionalTests.Browser;

/// <summary>The service restarted under an open chat: a server of its own, since the restart would cut every other test off.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectInTheBrowserTests : IClassFixture<AppServer>
{
    private readonly IBrowser _browser;
    private readonly AppServer _server;

    public ReconnectInTheBrowserTests(BrowserFixture browser, AppServer server)
    {
        _browser = browser.Browser;
        _server = server;
    }

    [Fact]
    public async Task After_a_restart_the_app_reconnects_fills_the_gap_and_delivers_what_was_typed_offline_once()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: "Before the restart");
        await using var staff = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: true, world.Staff.Login, TestWorld.Password);
        await staff.OpenChatAsync(chatId);
        await Expect(staff.Message("Before the restart")).ToBeVisibleAsync();

        await _server.StopAsync();
        await Expect(staff.Status).ToHaveTextAsync("Reconnecting…");
        await staff.SendAsync("Written while the server was down");
        await Expect(staff.Message("Written while the server was down").Locator(".status-mark")).ToHaveAttributeAsync("data-status", "sending");
        await staff.ScreenshotAsync("reconnecting");

        _server.StartAgain();
        // Posted by the customer before the app is back: it must arrive by the rejoin's catch-up.
        using (var customer = new HttpClient { BaseAddress = _server.BaseAddress })
        {
            customer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.Customer.Token);
            (await customer.PostAsJsonAsync($"/api/v1/chat/chats/{chatId}/messages", new { content = "Sent while the app was away" })).EnsureSuccessStatusCode();
        }

        await Expect(staff.Status).ToHaveTextAsync("Connected", new() { Timeout = 20_000 });
        await Expect(staff.Message("Sent while the app was away")).ToBeVisibleAsync();
        await Expect(staff.Message("Written while the server was down").Locator(".status-mark")).ToHaveAttributeAsync("data-status", "sent");

        // Once, on screen and in the store, and in seq order after the catch-up.
        (await staff.Message("Written while the server was down").CountAsync()).ShouldBe(1);
        var history = await HistoryAsync(world.Customer.Token, chatId);
        history.Count(content => content == "Written while the server was down").ShouldBe(1);
        var shown = await staff.Messages.Locator(".text").AllTextContentsAsync();
        shown.ShouldBe(history.AsEnumerable().Reverse().ToList());
    }

    private async Task<List<string>> HistoryAsync(string token, long chatId)
    {
        using var client = new HttpClient { BaseAddress = _server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var page = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/chat/chats/{chatId}/messages");
        return page!["messages"]!.AsArray().Select(m => m!["content"]?.GetValue<string>() ?? "").ToList();
    }
}
