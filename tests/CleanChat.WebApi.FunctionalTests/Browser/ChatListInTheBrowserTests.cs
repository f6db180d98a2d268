using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanChat.WebApi.FunctionalTests.Browser;

/// <summary>The chat list keeps itself current: new chats, new messages and reads done elsewhere.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatListInTheBrowserTests : IClassFixture<AppServer>
{
    private readonly IBrowser _browser;
    private readonly AppServer _server;

    public ChatListInTheBrowserTests(BrowserFixture browser, AppServer server)
    {
        _browser = browser.Browser;
        _server = server;
    }

    [Fact]
    public async Task New_chats_and_messages_arrive_live_and_a_read_in_another_tab_clears_the_badge()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        await using var desk = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: true, world.Staff.Login, TestWorld.Password);
        await using var phone = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: true, world.Staff.Login, TestWorld.Password);
        await Expect(desk.Page.Locator(".chat-list .empty-state")).ToHaveTextAsync("No chats yet.");

        // The customer starts a chat with this staff member and writes twice; nobody has it open.
        var created = await world.Customer.Client.PostAsJsonAsync("/api/v1/chat/chats/customer", new { user_id = world.Staff.Id, initial_message = "Do you have a slot on Saturday?" });
        created.EnsureSuccessStatusCode();
        var chatId = (await created.ReadJsonAsync())["id"]!.GetValue<long>();
        var item = desk.Page.Locator($".chat-item[data-chat-id=\"{chatId}\"]");
        await Expect(item).ToBeVisibleAsync();
        await ChatApi.SendAsync(world.Customer, chatId, "Morning if possible.");
        await Expect(item.Locator(".chat-item-preview")).ToHaveTextAsync("Morning if possible.");
        await Expect(item.Locator(".badge")).ToHaveTextAsync("2");
        await Expect(item.Locator(".presence")).ToHaveClassAsync("presence");

        // Read on the other tab: the badge on this one goes too.
        await phone.OpenChatAsync(chatId);
        await Expect(phone.Message("Morning if possible.")).ToBeVisibleAsync();
        await Expect(item.Locator(".badge")).ToHaveCountAsync(0);

        // The customer comes online: the dot shows it.
        await using var customer = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: false, world.Customer.Login, TestWorld.Password);
        await Expect(item.Locator(".presence")).ToHaveClassAsync("presence online");
        await desk.ScreenshotAsync("chat-list");
    }

    [Fact]
    public async Task Staff_add_a_colleague_who_sees_the_chat_at_once_and_archive_and_unarchive_it()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: "Welcome to the salon.");
        await using var staff = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: true, world.Staff.Login, TestWorld.Password);
        await using var colleague = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: true, world.Colleague.Login, TestWorld.Password);
        await staff.OpenChatAsync(chatId);

        await staff.Page.GetByText("Manage").ClickAsync();
        await staff.Page.GetByLabel("Participant kind").SelectOptionAsync("user");
        await staff.Page.GetByLabel("Participant id").FillAsync(world.Colleague.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await staff.Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        var colleaguesItem = colleague.Page.Locator($".chat-item[data-chat-id=\"{chatId}\"]");
        await Expect(colleaguesItem).ToBeVisibleAsync();

        await staff.Page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();
        var item = staff.Page.Locator($".chat-item[data-chat-id=\"{chatId}\"]");
        await Expect(item).ToHaveCountAsync(0);
        await Expect(staff.Page.Locator(".composer textarea")).ToBeDisabledAsync();
        await staff.Page.GetByLabel("Archived").CheckAsync();
        await Expect(item).ToBeVisibleAsync();
        await item.ClickAsync();
        await staff.Page.GetByText("Manage").ClickAsync();
        await staff.Page.GetByRole(AriaRole.Button, new() { Name = "Unarchive", Exact = true }).ClickAsync();
        await staff.Page.GetByLabel("Archived").UncheckAsync();
        await Expect(item).ToBeVisibleAsync();
    }
}
