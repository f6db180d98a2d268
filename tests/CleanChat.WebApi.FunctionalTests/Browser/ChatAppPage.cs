using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanChat.WebApi.FunctionalTests.Browser;

/// <summary>The web app in a browser context of its own (its own sessionStorage), driven as a person would.</summary>
public sealed class ChatAppPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private ChatAppPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            Dialogs.Add(dialog.Message);
            _ = dialog.Message.StartsWith("Delete", StringComparison.Ordinal) ? dialog.AcceptAsync() : dialog.DismissAsync();
        };
    }

    public IPage Page { get; }

    /// <summary>Every alert, confirm or prompt the page opened: script injected through a message would show here.</summary>
    public List<string> Dialogs { get; } = new();

    public ILocator Status => Page.Locator("#connection-status");

    public ILocator Messages => Page.Locator(".messages .message");

    public ILocator TypingLine => Page.Locator(".typing");

    public ILocator ChatPane => Page.Locator(".chat-pane");

    /// <param name="permissions">Browser permissions granted up front (<c>notifications</c>).</param>
    /// <param name="initScript">Script run in every page before the app's own.</param>
    public static async Task<ChatAppPage> OpenAsync(IBrowser browser, Uri baseAddress, string path = "/", ViewportSize? viewport = null,
        IEnumerable<string>? permissions = null, string? initScript = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(), ViewportSize = viewport ?? new ViewportSize { Width = 1100, Height = 760 }, Permissions = permissions,
        });
        context.SetDefaultTimeout(10_000);
        if (initScript is not null)
            await context.AddInitScriptAsync(initScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return new ChatAppPage(context, page);
    }

    public static async Task<ChatAppPage> SignInAsync(IBrowser browser, Uri baseAddress, bool staff, string login, string password)
    {
        var app = await OpenAsync(browser, baseAddress);
        await app.SignInHereAsync(staff, login, password);
        await Expect(app.Status).ToHaveTextAsync("Connected");
        return app;
    }

    public async Task SignInHereAsync(bool staff, string login, string password)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = staff ? "Staff" : "Customer", Exact = true }).ClickAsync();
        await Page.Locator("#signin-identifier").FillAsync(login);
        await Page.Locator("#signin-password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async Task StartChatWithCustomerAsync(string phoneNumber)
    {
        await Page.Locator("#new-chat-kind").SelectOptionAsync("phone");
        await Page.Locator("#new-chat-with").FillAsync(phoneNumber);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await WaitUntilLiveAsync();
    }

    /// <summary>Opens the chat from the list (waiting for it to appear there) and waits until its frames arrive live.</summary>
    public async Task OpenChatAsync(long chatId)
    {
        await Page.Locator($".chat-item[data-chat-id=\"{chatId}\"]").ClickAsync();
        await WaitUntilLiveAsync();
    }

    public Task WaitUntilLiveAsync() => Expect(ChatPane).ToHaveAttributeAsync("data-joined", "true");

    public async Task TypeAsync(string text) => await Page.Locator("#composer-text").PressSequentiallyAsync(text);

    public async Task SendAsync(string text)
    {
        await Page.Locator("#composer-text").FillAsync(text);
        await Page.Locator("#composer-text").PressAsync("Enter");
    }

    /// <summary>
    /// Presses Tab until the target has the focus, as a keyboard user would; fails if forty presses never
    /// reach it (the control is out of the tab order).
    /// </summary>
    public async Task TabToAsync(ILocator target)
    {
        for (var press = 0; press < 40; press++)
        {
            if (await target.EvaluateAsync<bool>("node => node === document.activeElement"))
                return;
            await Page.Keyboard.PressAsync("Tab");
        }

        throw new Shouldly.ShouldAssertException($"Tab never reached {target}.");
    }

    /// <summary>Whether the page is wider than the window (a horizontal scroll bar on a phone).</summary>
    public Task<bool> OverflowsSidewaysAsync() =>
        Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");

    public ILocator Message(string text) => Messages.Filter(new() { HasText = text });

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png") });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
