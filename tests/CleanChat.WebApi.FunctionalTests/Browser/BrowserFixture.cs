using Microsoft.Playwright;

namespace CleanChat.WebApi.FunctionalTests.Browser;

/// <summary>
/// One headless Chromium for every browser test (two cores: starting one per test would cost more than
/// the tests). Debian's Chromium is used, since browsers cannot be downloaded here; CHROMIUM_PATH
/// overrides where it is looked for.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] Candidates = { "/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser" };

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go (CI keeps the folder as an artefact); printed by .ci/run.</summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("CLEANCHAT_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured
            ? configured
            : Candidates.FirstOrDefault(File.Exists)
              ?? throw new InvalidOperationException($"No Chromium found (looked at {string.Join(", ", Candidates)}); install Debian's chromium package or set CHROMIUM_PATH.");

        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // This machine has no outside network: keep Chromium from trying to reach it.
            // A generated tone stands in for the microphone, so voice notes can be recorded headless.
            Args = new[]
            {
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            },
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
