using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Bench.Harness.RemoteWrite;
using Dashboard.Host.Tests.Security.Browser;
using Dashboard.Tests;
using Microsoft.Playwright;

namespace Dashboard.Bench.Harness.Ui;

/// <summary>
/// Server cost of live Blazor circuits: the built host (its own process) collects with a real plugin every second,
/// and one headless Chromium opens N pages of a live page (default the overview). The host's GC heap and working set,
/// each read after a full compacting collection run from the diagnostics page, are compared with no circuit open
/// (the peer) and with one (the marginal cost); over the run every page must stay connected with no console error
/// and the host must log no failure. On the overview, the delay from a collect's start to its time appearing in each
/// page's DOM is observed in the browser.
/// </summary>
internal static class UiCircuitsBenchmark
{
    private const string PluginFolder = "Dashboard.Plugins.System";

    // Records, in each page, how long after a collect started its time reached the DOM. Runs through the DevTools
    // protocol, so the page's own content security policy does not apply to it.
    private const string LatencyObserver = """
        () => {
          window.__latencies = [];
          const seen = new Set([...document.querySelectorAll('tr[data-instance] time[datetime]')].map(t => t.getAttribute('datetime')));
          new MutationObserver(() => {
            for (const t of document.querySelectorAll('tr[data-instance] time[datetime]')) {
              const at = t.getAttribute('datetime');
              if (!seen.has(at)) { seen.add(at); window.__latencies.push(Date.now() - Date.parse(at)); }
            }
          }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        }
        """;

    public static async Task RunAsync(HarnessArguments args)
    {
        var circuits = args.Int("circuits", 50);
        var seconds = args.Int("seconds", 60);
        var settle = args.Int("settle-seconds", 10);
        var path = args.Text("path") ?? "";
        var plugin = args.Text("plugin") ?? Path.Combine(RepoRoot(), "artifacts", "plugins", PluginFolder);
        using var work = new Peers.BenchWorkFolder(args, "ui-circuits");

        CopyFolder(plugin, work.Combine("plugins", Path.GetFileName(plugin)));
        var port = LoopbackListener.FreePort();
        await using var host = DashboardHostProcess.Start(work.Path, port, new Dictionary<string, string>(), args.Text("host-dll"));
        await File.WriteAllTextAsync(work.Combine("plugins.json"),
            """{ "instances": [ { "id": "system", "plugin": "System", "config": { "interval_ms": 1000 } } ] }""");
        await host.WaitReadyAsync(TimeSpan.FromSeconds(120));
        await WaitRunningAsync(host.BaseAddress, "system");

        await using var chromium = await Chromium.LaunchAsync();
        var errors = new List<string>();
        var probeContext = await NewContextAsync(chromium, host.BaseAddress, errors);
        var probe = await probeContext.NewPageAsync();
        await OpenLiveAsync(probe, "diagnostics");

        var baseline = await MeasureAfterSettlingAsync(probe, settle);
        var pagesContext = await NewContextAsync(chromium, host.BaseAddress, errors);
        var first = await pagesContext.NewPageAsync();
        await OpenLiveAsync(first, path);
        var one = await MeasureAfterSettlingAsync(probe, settle);

        var pages = new List<IPage> { first };
        for (var i = 1; i < circuits; i++)
        {
            var page = await pagesContext.NewPageAsync();
            await OpenLiveAsync(page, path);
            pages.Add(page);
        }

        foreach (var page in pages)
        {
            await page.EvaluateAsync(LatencyObserver);
        }

        lock (errors)
        {
            errors.Clear();
        }

        var run = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        run.Stop();
        var live = 0;
        var latencies = new List<double>();
        foreach (var page in pages)
        {
            live += await page.EvaluateAsync<bool>("() => document.querySelector('[data-circuit=live]') !== null") ? 1 : 0;
            latencies.AddRange(await page.EvaluateAsync<double[]>("() => window.__latencies"));
        }

        var full = await MeasureAsync(probe);
        var hostFailures = File.ReadLines(work.Combine("host.log")).Count(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.Contains("Circuit", StringComparison.Ordinal) && l.StartsWith("warn:", StringComparison.Ordinal));

        MachineInfo.Print(Console.Out);
        Console.WriteLine(FormattableString.Invariant($"- page: '{(path.Length == 0 ? "(overview)" : path)}', {circuits} circuits in one headless Chromium, {seconds} s, plugin System every 1 s; memory read after a full compacting GC"));
        Console.WriteLine();
        var table = new MarkdownTable("circuits", "GC heap", "working set", "GC heap per circuit", "working set per circuit");
        table.Row("0 (peer)", Mib(baseline.Heap), Mib(baseline.WorkingSet), "", "");
        table.Row("1", Mib(one.Heap), Mib(one.WorkingSet), Kib(one.Heap - baseline.Heap), Kib(one.WorkingSet - baseline.WorkingSet));
        table.Row(circuits.ToString(CultureInfo.InvariantCulture), Mib(full.Heap), Mib(full.WorkingSet),
            Kib((full.Heap - baseline.Heap) / circuits), Kib((full.WorkingSet - baseline.WorkingSet) / circuits));
        table.WriteTo(Console.Out);
        Console.WriteLine();
        lock (errors)
        {
            Console.WriteLine(FormattableString.Invariant($"- pages still live after {run.Elapsed.TotalSeconds:0} s: {live} of {circuits}; browser console errors and page errors: {errors.Count}; host log failures: {hostFailures}"));
            foreach (var error in errors.Take(10))
            {
                Console.WriteLine($"  - {error}");
            }
        }

        if (latencies.Count > 0)
        {
            var sorted = Percentiles.Sorted(latencies);
            Console.WriteLine(FormattableString.Invariant(
                $"- collect start → DOM: {sorted.Length} updates, p50 {Percentiles.Of(sorted, 50):0} ms, p90 {Percentiles.Of(sorted, 90):0} ms, p99 {Percentiles.Of(sorted, 99):0} ms, max {sorted[^1]:0} ms"));
        }
        else
        {
            Console.WriteLine("- collect start → DOM: not observable on this page (no instance row with a collect time)");
        }
    }

    private static async Task<IBrowserContext> NewContextAsync(Chromium chromium, Uri baseAddress, List<string> errors)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(120_000);
        context.Page += (_, page) =>
        {
            page.Console += (_, message) =>
            {
                if (message.Type is "error")
                {
                    lock (errors)
                    {
                        errors.Add($"{page.Url}: {message.Text}");
                    }
                }
            };
            page.PageError += (_, error) =>
            {
                lock (errors)
                {
                    errors.Add($"{page.Url}: page error: {error}");
                }
            };
            page.Crash += (_, _) =>
            {
                lock (errors)
                {
                    errors.Add($"{page.Url}: crashed");
                }
            };
        };
        return context;
    }

    private static async Task OpenLiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-circuit=live]') !== null");
    }

    private static async Task<Memory> MeasureAfterSettlingAsync(IPage probe, int settleSeconds)
    {
        await Task.Delay(TimeSpan.FromSeconds(settleSeconds));
        return await MeasureAsync(probe);
    }

    // Two full collections from the diagnostics page, then the figures it shows a refresh later.
    private static async Task<Memory> MeasureAsync(IPage probe)
    {
        for (var i = 0; i < 2; i++)
        {
            await probe.GetByTestId("collect-garbage").ClickAsync();
            await Task.Delay(500);
        }

        await Task.Delay(1500);
        var heap = long.Parse(await probe.GetByTestId("gc-heap").GetAttributeAsync("data-value") ?? "-1", CultureInfo.InvariantCulture);
        var workingSet = long.Parse(await probe.GetByTestId("working-set").GetAttributeAsync("data-value") ?? "-1", CultureInfo.InvariantCulture);
        return new Memory(heap, workingSet);
    }

    private static async Task WaitRunningAsync(Uri baseAddress, string id)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var instance = await http.GetFromJsonAsync<JsonElement>($"api/instances/{id}");
            if (instance.GetProperty("state").GetString() == "running" && instance.GetProperty("collects").GetInt64() > 0)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"instance '{id}' did not start collecting within 60 s; see host.log.");
    }

    private static void CopyFolder(string source, string destination)
    {
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"{source} is missing: build the shipped plugins (dotnet build Dashboard.sln -c Release) or pass --plugin.");
        }

        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory + "; pass --plugin.");
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB");

    private static string Kib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KiB");

    private sealed record Memory(long Heap, long WorkingSet);
}
