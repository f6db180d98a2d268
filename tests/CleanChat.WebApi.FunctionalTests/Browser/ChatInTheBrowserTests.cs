using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanChat.WebApi.FunctionalTests.Browser;

/// <summary>Staff and a customer using the web app in two browser contexts against the real service.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatInTheBrowserTests : IClassFixture<AppServer>
{
    private static readonly LocatorAssertionsToBeVisibleOptions WithinTwoSeconds = new() { Timeout = 2000 };
    private static readonly LocatorAssertionsToContainTextOptions WithinTwoSecondsText = new() { Timeout = 2000 };

    private readonly IBrowser _browser;
    private readonly AppServer _server;

    public ChatInTheBrowserTests(BrowserFixture browser, AppServer server)
    {
        _browser = browser.Browser;
        _server = server;
    }

    [Fact]
    public async Task Staff_and_customer_chat_live_with_typing_and_read_receipts()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        await using var staff = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: true, world.Staff.Login, TestWorld.Password);
        await using var customer = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: false, world.Customer.Login, TestWorld.Password);

        await staff.StartChatWithCustomerAsync(world.Customer.Login);
        var chatId = long.Parse(await staff.Page.Locator(".chat-item[aria-current=\"true\"]").GetAttributeAsync("data-chat-id") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        await customer.OpenChatAsync(chatId);

        await staff.TypeAsync("Your appointment");
        await Expect(customer.TypingLine).ToHaveTextAsync("staff is typing…", new() { Timeout = 2000 });
        await Expect(customer.TypingLine).ToHaveTextAsync(string.Empty, new() { Timeout = 5000 });

        await staff.SendAsync("Your appointment is confirmed for Friday.");
        await Expect(customer.Message("Your appointment is confirmed for Friday.")).ToBeVisibleAsync(WithinTwoSeconds);
        await customer.SendAsync("Thank you!");
        await Expect(staff.Message("Thank you!")).ToBeVisibleAsync(WithinTwoSeconds);

        // The customer has the chat open and in front: the staff member's message shows as read.
        await Expect(staff.Message("Your appointment is confirmed for Friday.").Locator(".status-mark")).ToHaveAttributeAsync("data-status", "read");
        await staff.ScreenshotAsync("chat-staff");
        await customer.ScreenshotAsync("chat-customer");
        (await staff.Message("Your appointment is confirmed for Friday.").CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_hotel_stays_conversation_is_on_every_staff_list_shows_the_service_as_notices_and_any_staff_member_answers()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var stay = await (await world.Admin.Client.PostAsJsonAsync("/api/message_manager/stays/", new
        {
            stay_id = Random.Shared.NextInt64(1, long.MaxValue / 2), customer_id = world.Customer.Id, room_number = "204", check_in = "2026-12-04", check_out = "2026-12-06",
        })).ReadJsonAsync();
        var chatId = stay["conversation"]!["id"]!.GetValue<long>();
        await using var staff = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: true, world.Staff.Login, TestWorld.Password);

        // Not a participant yet: the front desk is open to every staff member of the hotel.
        await staff.OpenChatAsync(chatId);
        await Expect(staff.Page.Locator(".messages .message.notice")).ToContainTextAsync("Your room is 204", WithinTwoSecondsText);
        (await staff.Page.Locator(".messages .message.notice .sender").CountAsync()).ShouldBe(0);
        await staff.SendAsync("Anything you need, just write.");

        await Expect(staff.Message("Anything you need, just write.").Locator(".status-mark")).ToHaveAttributeAsync("data-status", "sent");
        var seen = await (await world.Customer.Client.GetAsync($"/api/message_manager/conversations/{chatId}/messages/")).ReadJsonAsync();
        seen["results"]!.AsArray().Last()!["text"]!.GetValue<string>().ShouldBe("Anything you need, just write.");
        await staff.ScreenshotAsync("hotel-front-desk");
    }

    [Fact]
    public async Task Markup_in_a_message_is_shown_as_text_and_runs_nothing()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        await using var staff = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: true, world.Staff.Login, TestWorld.Password);
        await using var customer = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: false, world.Customer.Login, TestWorld.Password);
        await staff.OpenChatAsync(chatId);
        await customer.OpenChatAsync(chatId);

        const string attack = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        await staff.SendAsync(attack);

        await Expect(customer.Message(attack)).ToBeVisibleAsync(WithinTwoSeconds);
        await Expect(staff.Message(attack).Locator(".status-mark")).ToHaveAttributeAsync("data-status", "read");
        (await customer.Page.Locator(".messages img").CountAsync()).ShouldBe(0);
        (await customer.Page.Locator(".messages script").CountAsync()).ShouldBe(0);
        customer.Dialogs.ShouldBeEmpty();
        staff.Dialogs.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reply_quotes_its_original_and_edits_and_deletions_reach_the_other_side()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        await using var staff = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: true, world.Staff.Login, TestWorld.Password);
        await using var customer = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: false, world.Customer.Login, TestWorld.Password);
        await staff.OpenChatAsync(chatId);
        await customer.OpenChatAsync(chatId);

        await staff.SendAsync("Tuesday at 3?");
        await customer.Message("Tuesday at 3?").GetByRole(AriaRole.Button, new() { Name = "Reply" }).ClickAsync();
        await customer.SendAsync("Yes, please.");
        var reply = staff.Message("Yes, please.");
        await Expect(reply.Locator(".quote")).ToContainTextAsync("Tuesday at 3?", WithinTwoSecondsText);

        await staff.Message("Tuesday at 3?").GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(staff.Page.Locator("#composer-text")).ToHaveValueAsync("Tuesday at 3?");
        await staff.SendAsync("Tuesday at 4?");
        var edited = customer.Messages.First; // the reply below quotes it too
        await Expect(edited.Locator(".text")).ToHaveTextAsync("Tuesday at 4?", new() { Timeout = 2000 });
        await Expect(edited.Locator(".meta")).ToContainTextAsync("edited");
        await Expect(customer.Message("Yes, please.").Locator(".quote")).ToContainTextAsync("Tuesday at 4?");
        await Expect(customer.Message("Tuesday at 3?")).ToHaveCountAsync(0);

        await staff.Messages.First.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(customer.Messages.First.Locator(".deleted")).ToContainTextAsync("Message deleted", WithinTwoSecondsText);
        await Expect(reply.Locator(".quote")).ToHaveTextAsync("Message deleted");
        staff.Dialogs.ShouldBe(new[] { "Delete this message for everyone?" });
        (await customer.Messages.CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Older_history_loads_page_by_page_when_scrolling_up()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        for (var i = 1; i <= 70; i++)
            await ChatApi.SendAsync(world.Staff, chatId, $"History message {i:00}");

        await using var customer = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: false, world.Customer.Login, TestWorld.Password);
        await customer.OpenChatAsync(chatId);
        await Expect(customer.Message("History message 70")).ToBeVisibleAsync();
        await Expect(customer.Messages).ToHaveCountAsync(30);

        await customer.Page.Locator(".message-scroller").EvaluateAsync("scroller => scroller.scrollTop = 0");
        await Expect(customer.Messages).ToHaveCountAsync(60);
        await customer.Page.Locator(".message-scroller").EvaluateAsync("scroller => scroller.scrollTop = 0");
        await Expect(customer.Messages).ToHaveCountAsync(70);
        await Expect(customer.Messages.First).ToContainTextAsync("History message 01");
    }

    [Fact]
    public async Task An_uploaded_image_shows_as_a_thumbnail_on_the_other_side()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        await using var staff = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: true, world.Staff.Login, TestWorld.Password);
        await using var customer = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: false, world.Customer.Login, TestWorld.Password);
        await staff.OpenChatAsync(chatId);
        await customer.OpenChatAsync(chatId);

        await staff.Page.Locator("#composer-file").SetInputFilesAsync(new FilePayload { Name = "style.png", MimeType = "image/png", Buffer = SampleFiles.Png() });

        var thumbnail = customer.Page.Locator(".messages img.thumbnail");
        await Expect(thumbnail).ToBeVisibleAsync();
        (await thumbnail.GetAttributeAsync("src")).ShouldStartWith("/uploads/chat/");
        (await thumbnail.EvaluateAsync<int>("image => image.naturalWidth")).ShouldBeGreaterThan(0);
        await thumbnail.ClickAsync();
        await Expect(customer.Page.Locator("dialog .full-image")).ToBeVisibleAsync();
        await customer.ScreenshotAsync("image-viewer");
    }

    [Fact]
    public async Task Several_chosen_files_go_as_one_message_and_show_in_order_on_the_other_side()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        await using var staff = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: true, world.Staff.Login, TestWorld.Password);
        await using var customer = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: false, world.Customer.Login, TestWorld.Password);
        await staff.OpenChatAsync(chatId);
        await customer.OpenChatAsync(chatId);

        await staff.Page.Locator("#composer-file").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "prices.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf },
            new FilePayload { Name = "hours.txt", MimeType = "text/plain", Buffer = SampleFiles.Text },
        });

        var links = customer.Page.Locator(".messages .message .file-link");
        await Expect(links).ToHaveCountAsync(2);
        await Expect(links.Nth(0)).ToContainTextAsync("prices.pdf");
        await Expect(links.Nth(1)).ToContainTextAsync("hours.txt");
        await Expect(customer.Messages).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_recorded_voice_note_plays_on_the_other_side()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        await using var staff = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: true, world.Staff.Login, TestWorld.Password);
        await using var customer = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: false, world.Customer.Login, TestWorld.Password);
        await customer.Page.Context.GrantPermissionsAsync(new[] { "microphone" });
        await staff.OpenChatAsync(chatId);
        await customer.OpenChatAsync(chatId);

        var record = customer.Page.GetByRole(AriaRole.Button, new() { Name = "Record a voice note" });
        await record.ClickAsync();
        var stop = customer.Page.GetByRole(AriaRole.Button, new() { Name = "Stop recording and send" });
        await Expect(stop).ToHaveAttributeAsync("aria-pressed", "true");
        await stop.ClickAsync();

        var note = staff.Page.Locator(".messages audio");
        await Expect(note).ToHaveCountAsync(1);
        (await note.GetAttributeAsync("src")).ShouldStartWith("/uploads/chat/");
        // The stored file is what was recorded, served as audio the element can play.
        var served = await note.EvaluateAsync<string>("async audio => { const r = await fetch(audio.src); const b = await r.arrayBuffer(); return `${r.status} ${r.headers.get('content-type')} ${b.byteLength}`; }");
        served.ShouldStartWith("200 audio/webm ");
        int.Parse(served.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        (await note.EvaluateAsync<string>("audio => audio.canPlayType('audio/webm')")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_file_the_server_would_refuse_is_caught_before_uploading_with_the_limit_named()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, initialMessage: null);
        await using var staff = await ChatAppPage.SignInAsync(_browser, _server.BaseAddress, staff: true, world.Staff.Login, TestWorld.Password);
        await staff.OpenChatAsync(chatId);
        var uploads = 0;
        staff.Page.Request += (_, request) => uploads += request.Url.EndsWith("/api/v1/chat/upload", StringComparison.Ordinal) ? 1 : 0;

        await staff.Page.Locator("#composer-file").SetInputFilesAsync(new FilePayload { Name = "big.pdf", MimeType = "application/pdf", Buffer = new byte[(10 * 1024 * 1024) + 1] });
        await Expect(staff.Page.Locator(".chat-pane .form-error")).ToContainTextAsync("larger than the 10 MB limit");

        await staff.Page.Locator("#composer-file").SetInputFilesAsync(new FilePayload { Name = "page.html", MimeType = "text/html", Buffer = "<html></html>"u8.ToArray() });
        await Expect(staff.Page.Locator(".chat-pane .form-error")).ToContainTextAsync("not a type this chat accepts");

        uploads.ShouldBe(0);
    }
}
