using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanChat.WebApi.FunctionalTests.Browser;

/// <summary>Sign-in once the login rate limit has locked an account: the user is told how long to wait.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInLockoutTests : IClassFixture<SignInLockoutTests.StrictServer>
{
    private readonly IBrowser _browser;
    private readonly StrictServer _server;

    public SignInLockoutTests(BrowserFixture browser, StrictServer server)
    {
        _browser = browser.Browser;
        _server = server;
    }

    [Fact]
    public async Task After_too_many_wrong_passwords_the_lockout_is_named_with_its_retry_time()
    {
        var world = await TestWorld.CreateAsync(_server.Host);
        await using var app = await ChatAppPage.OpenAsync(_browser, _server.BaseAddress);
        var error = app.Page.Locator("#signin-error");

        // Wrong passwords are named as such until the account's attempts (the arranging login counted) run out.
        var wrong = 0;
        for (; wrong <= StrictServer.Attempts; wrong++)
        {
            await app.SignInHereAsync(staff: true, world.Staff.Login, $"wrong-password-{wrong}");
            await Expect(error).Not.ToBeEmptyAsync();
            var said = await error.TextContentAsync();
            if (said != "Wrong email, phone number or password.")
                break;
            await app.Page.Locator("#signin-password").FillAsync(string.Empty);
            await error.EvaluateAsync("node => node.textContent = ''");
        }

        wrong.ShouldBeInRange(1, StrictServer.Attempts - 1);

        // Locked: even the right password is refused now, and the wait is said in words.
        await app.SignInHereAsync(staff: true, world.Staff.Login, TestWorld.Password);
        await Expect(error).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Too many attempts\. Try again in \d+ (seconds|minutes)\.$"));
        await Expect(app.Page.Locator(".layout")).ToHaveCountAsync(0);
    }

    /// <summary>The service with a per-account limit of three attempts (the tests' default is far higher).</summary>
    public sealed class StrictServer : AppServer
    {
        public const int Attempts = 3;

        public StrictServer()
            : base(new Dictionary<string, string?> { ["LoginRateLimit:PerAccountPermits"] = Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
        }
    }
}
