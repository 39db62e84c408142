using Microsoft.Playwright;

namespace Dashboard.Host.Tests.Security.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by scripts/install-deps.sh) driven by Playwright: Playwright's
/// own browser download is not used. A missing browser fails the test; it never skips.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException(
                $"{ExecutablePath} is missing: the browser tests drive Debian's chromium; install it with scripts/install-deps.sh " +
                $"(CI={Environment.GetEnvironmentVariable("CI") ?? "unset"}).", ExecutablePath);
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Timeout = 60_000,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    // Pages in the background stay at full speed: tests and benchmarks open several at once.
                    "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
                ],
            });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh context (no cookies) whose pages report console errors into <paramref name="console"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, List<string> console)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(30_000);
        context.Page += (_, page) =>
        {
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    lock (console)
                    {
                        console.Add($"{page.Url}: {message.Type}: {message.Text}");
                    }
                }
            };
            page.PageError += (_, error) =>
            {
                lock (console)
                {
                    console.Add($"{page.Url}: page error: {error}");
                }
            };
        };
        return context;
    }

    /// <summary>Saves a screenshot under the test output folder (<c>screenshots/&lt;test&gt;/&lt;name&gt;.png</c>).</summary>
    public static Task ScreenshotAsync(IPage page, string test, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(AppContext.BaseDirectory, "screenshots", test, name + ".png"),
            FullPage = true,
        });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
