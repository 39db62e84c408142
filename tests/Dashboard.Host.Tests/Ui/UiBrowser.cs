using Dashboard.Host.Tests.Security.Browser;
using Dashboard.Tests;
using Microsoft.Playwright;

namespace Dashboard.Host.Tests.Ui;

/// <summary>
/// Debian's Chromium on a page of a real host (loopback, Unsecured mode, so the browser is admin without signing in),
/// collecting every console error and CSP violation so a test can assert there were none.
/// </summary>
internal sealed class UiBrowser : IAsyncDisposable
{
    private readonly Chromium _chromium;
    private readonly IBrowserContext _context;

    private UiBrowser(Chromium chromium, IBrowserContext context, IPage page, List<string> console)
    {
        _chromium = chromium;
        _context = context;
        Page = page;
        Console = console;
    }

    /// <summary>The page, 1400×900 so screenshots are alike from run to run.</summary>
    public IPage Page { get; }

    /// <summary>Console errors, warnings and page errors seen so far.</summary>
    public List<string> Console { get; }

    /// <summary>Opens a page at <paramref name="baseAddress"/> (which may end with a path prefix).</summary>
    public static async Task<UiBrowser> OpenAsync(Uri baseAddress, string? theme = null)
    {
        var chromium = await Chromium.LaunchAsync();
        try
        {
            var console = new List<string>();
            var context = await chromium.NewContextAsync(baseAddress, console);
            if (theme is not null)
            {
                await context.AddCookiesAsync([new Cookie { Name = "dashboard.theme", Value = theme, Url = baseAddress.ToString() }]);
            }

            var page = await context.NewPageAsync();
            await page.SetViewportSizeAsync(1400, 900);
            return new UiBrowser(chromium, context, page, console);
        }
        catch
        {
            await chromium.DisposeAsync();
            throw;
        }
    }

    /// <summary>Navigates (relative to the base address) and waits until Blazor's circuit is connected.</summary>
    public async Task GotoAsync(string relative)
    {
        await Page.GotoAsync(relative);
        await WaitInteractiveAsync();
    }

    /// <summary>Waits for the circuit: the layout marks itself <c>data-circuit="live"</c> once it renders interactively.</summary>
    public async Task WaitInteractiveAsync()
    {
        try
        {
            await Page.WaitForFunctionAsync("() => document.querySelector('[data-circuit=live]') !== null");
        }
        catch (TimeoutException ex)
        {
            lock (Console)
            {
                throw new TimeoutException($"the page did not become interactive; browser console: {string.Join(Environment.NewLine, Console)}", ex);
            }
        }
    }

    /// <summary>
    /// Saves a full-page screenshot under the test output (<c>screenshots/ui/&lt;name&gt;.png</c>); with
    /// <c>DASHBOARD_UPDATE_SCREENSHOTS=1</c> also into <c>docs/screenshots/</c> for the README.
    /// </summary>
    public async Task ScreenshotAsync(string name)
    {
        var output = Path.Combine(AppContext.BaseDirectory, "screenshots", "ui", name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = output, FullPage = true });
        if (Environment.GetEnvironmentVariable("DASHBOARD_UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(TestPaths.RepoRoot, "docs", "screenshots");
            Directory.CreateDirectory(docs);
            File.Copy(output, Path.Combine(docs, name + ".png"), overwrite: true);
        }
    }

    /// <summary>Fails with every console error seen, if any.</summary>
    public void AssertNoConsoleErrors()
    {
        lock (Console)
        {
            Assert.True(Console.Count == 0, "browser console: " + string.Join(Environment.NewLine, Console));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _chromium.DisposeAsync();
    }
}
