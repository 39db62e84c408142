using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Bench.Harness.Query;
using Dashboard.Bench.Harness.RemoteWrite;
using Dashboard.Host.Tests.Security.Browser;
using Dashboard.Tests;
using Microsoft.Playwright;

namespace Dashboard.Bench.Harness.Ui;

/// <summary>
/// The explorer's chart in Debian's Chromium against the built host (issue 7):
/// (a) navigation → first chart painted, 24 h of 20 gauge series remote_written into the host, beside the time the
/// chart's own query_range request takes alone (curl's share: the server's part of the figure);
/// (b) collect → pixel in live mode: from a Counting collect's timestamp to the paint that first shows its value.
/// Results as "measure kind value unit" lines; the goal of each is 1 s, so the ratio printed is figure ÷ goal.
/// </summary>
internal static class UiChartsBenchmark
{
    private const string WriterKey = "ui-charts-writer-key";
    private const double GoalMs = 1000;

    // Every paint of the chart, as js/chart.js marks it: its time, and the last point drawn (time, value).
    private const string RecordPaints = """
        () => {
          window.__paints = [];
          const el = document.querySelector('[data-testid=chart]');
          new MutationObserver(() => {
            const s = el.chartSeries?.[0];
            if (s) window.__paints.push({ at: +el.dataset.paintedAt, x: s.xs.at(-1), y: s.ys.at(-1) });
          }).observe(el, { attributes: true, attributeFilter: ['data-painted-at'] });
        }
        """;

    public static async Task RunAsync(HarnessArguments args)
    {
        var series = args.Int("series", 20);
        var hours = args.Int("hours", 24);
        var intervalMs = args.Int("interval-s", 15) * 1000L;
        var navigations = args.Int("navigations", 10);
        var collects = args.Int("collects", 20);
        var collectIntervalMs = args.Int("collect-interval-ms", 1000, min: 100);

        using var work = new BenchWorkFolder(args, "ui-charts");
        var port = LoopbackListener.FreePort();
        await using var host = DashboardHostProcess.Start(work.Combine("host"), port,
            new Dictionary<string, string> { ["Dashboard:Auth:WriterApiKey"] = WriterKey }, args.Text("host-dll"));
        await host.WaitReadyAsync(TimeSpan.FromSeconds(60));

        var endMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / intervalMs * intervalMs;
        var data = new QueryDataSet(counters: 0, gauges: series, groups: 1, histogramInstances: 0, endMs - (hours * 3_600_000L), endMs, intervalMs, seed: 7);
        using (var writer = new RemoteWriteClient(host.BaseAddress, bearerToken: WriterKey))
        {
            await QueryBackfill.PushAsync(data, [writer], roundsPerRequest: 500, seriesPerRequest: series, CancellationToken.None);
        }

        await QueryBackfill.SettleAsync([host.CpuTime], busyCores: 0.1, TimeSpan.FromMinutes(2));
        ResultLine.Note($"store: {data.SampleCount:N0} samples, {series} series over {hours} h");

        await using var chromium = await Chromium.LaunchAsync();
        var console = new List<string>();
        await using var context = await chromium.NewContextAsync(host.BaseAddress, console);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);

        await FirstPaintAsync(page, host.BaseAddress, $"explorer?q={QueryDataSet.Gauge}&range={hours}h", navigations, series);
        await CollectToPixelAsync(page, work.Combine("host"), collects, collectIntervalMs, args.Text("plugin"));
        if (console.Count > 0)
        {
            ResultLine.Note("browser console: " + string.Join(Environment.NewLine, console));
        }
    }

    private static async Task FirstPaintAsync(IPage page, Uri baseAddress, string explorer, int navigations, int series)
    {
        var paints = new List<double>();
        var fetches = new List<double>();
        var prometheusJson = new List<double>();
        var loaded = new List<double>();
        var created = new List<double>();
        var fetched = new List<double>();
        // One navigation first, not counted: the host's first render of the page and the browser's cache of the scripts.
        for (var i = -1; i < navigations; i++)
        {
            await page.GotoAsync("about:blank");
            await page.GotoAsync(explorer);
            var chart = page.Locator($"[data-testid=chart][data-series='{series}']");
            await chart.WaitForAsync(new() { Timeout = 60_000 });
            var drawn = await chart.EvaluateAsync<JsonElement>("""
                el => ({ ms: +el.dataset.paintedAt - performance.timeOrigin, points: +el.dataset.pointsDrawn,
                         dom: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
                         created: performance.getEntriesByName('chart:create')[0].startTime,
                         fetched: performance.getEntriesByName('chart:fetched')[0].startTime,
                         path: `api/v1/query_range?query=${encodeURIComponent(new URLSearchParams(location.search).get('q'))}&start=${el.dataset.start / 1000}&end=${el.dataset.end / 1000}&step=${el.dataset.step / 1000}&max_points=${el.dataset.maxPoints}` })
                """);
            if (i < 0)
            {
                ResultLine.Note($"first paint draws {drawn.GetProperty("points").GetInt32():N0} points; the chart fetches {drawn.GetProperty("path").GetString()}&format=chart");
                continue;
            }

            paints.Add(drawn.GetProperty("ms").GetDouble());
            loaded.Add(drawn.GetProperty("dom").GetDouble());
            created.Add(drawn.GetProperty("created").GetDouble());
            fetched.Add(drawn.GetProperty("fetched").GetDouble());
            var path = drawn.GetProperty("path").GetString()!;
            fetches.Add(await CurlAsync(new Uri(baseAddress, path + "&format=chart")));
            prometheusJson.Add(await CurlAsync(new Uri(baseAddress, path)));
        }

        var paint = Median(paints);
        var fetch = Median(fetches);
        ResultLine.Write("ui_first_paint", "p50", paint, "ms");
        ResultLine.Write("ui_first_paint", "max", paints.Max(), "ms");
        ResultLine.Write("ui_first_paint", "ratio_vs_goal", paint / GoalMs, "x");
        // Where the time goes, from navigation start: the prerendered page loaded, the circuit up and the chart created, its data in.
        ResultLine.Write("ui_first_paint_dom_loaded", "p50", Median(loaded), "ms");
        ResultLine.Write("ui_first_paint_chart_created", "p50", Median(created), "ms");
        ResultLine.Write("ui_first_paint_data_fetched", "p50", Median(fetched), "ms");
        ResultLine.Write("ui_first_paint_query_range_chart", "p50", fetch, "ms");
        ResultLine.Write("ui_first_paint_query_range_prometheus_json", "p50", Median(prometheusJson), "ms");
        ResultLine.Write("ui_first_paint", "server_share", fetch / paint, "x");
    }

    private static async Task CollectToPixelAsync(IPage page, string hostFolder, int collects, int intervalMs, string? plugin)
    {
        var source = CountingPlugin.Locate(plugin);
        var target = Path.Combine(hostFolder, "plugins", "Counting");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        await File.WriteAllTextAsync(Path.Combine(hostFolder, "plugins.json"), string.Create(CultureInfo.InvariantCulture,
            $$"""{ "instances": [ { "id": "live", "plugin": "Counting", "config": { "interval_ms": {{intervalMs}} } } ] }"""));

        await page.GotoAsync("explorer?q=test_collects_total&range=5m&live=1");
        await page.Locator("[data-testid=chart][data-series='1']").WaitForAsync(new() { Timeout = 60_000 });
        await page.EvaluateAsync(RecordPaints);
        var watch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromMilliseconds((collects + 2) * (double)intervalMs));
        var paints = await page.EvaluateAsync<JsonElement>("() => window.__paints");
        var samples = await page.EvaluateAsync<JsonElement>($$"""
            async () => (await (await fetch(new URL('api/v1/query?query=test_collects_total[{{(int)Math.Ceiling(watch.Elapsed.TotalSeconds) + 5}}s]', document.baseURI))).json()).data.result[0].values
            """);

        var painted = paints.EnumerateArray().Select(p => (At: p.GetProperty("at").GetDouble(), Y: p.GetProperty("y").GetDouble())).ToList();
        var firstPaint = painted.Count > 0 ? painted[0].At : double.MaxValue;
        var latencies = new List<double>();
        foreach (var sample in samples.EnumerateArray())
        {
            var at = sample[0].GetDouble() * 1000;
            var value = double.Parse(sample[1].GetString()!, CultureInfo.InvariantCulture);
            // Only collects made while paints were recorded: an earlier one was drawn before the recording began.
            if (at <= firstPaint - (2 * intervalMs))
            {
                continue;
            }

            var shown = painted.FirstOrDefault(p => p.Y >= value);
            if (shown.At > 0)
            {
                latencies.Add(shown.At - at);
            }
        }

        if (latencies.Count == 0)
        {
            throw new InvalidOperationException($"no collect was seen painted ({painted.Count} paints, samples {samples})");
        }

        latencies.Sort();
        ResultLine.Note($"collect → pixel: {latencies.Count} collects, {painted.Count} paints in {watch.Elapsed.TotalSeconds:0} s");
        ResultLine.Write("ui_collect_to_pixel", "p50", latencies[latencies.Count / 2], "ms");
        ResultLine.Write("ui_collect_to_pixel", "p95", latencies[(int)Math.Ceiling(latencies.Count * 0.95) - 1], "ms");
        ResultLine.Write("ui_collect_to_pixel", "max", latencies[^1], "ms");
        ResultLine.Write("ui_collect_to_pixel", "ratio_vs_goal", latencies[(int)Math.Ceiling(latencies.Count * 0.95) - 1] / GoalMs, "x");
    }

    // curl's own total time (connect to last byte), as a client without a browser sees the same request.
    private static async Task<double> CurlAsync(Uri url)
    {
        var info = new ProcessStartInfo("curl", ["-s", "-f", "-o", "/dev/null", "-w", "%{time_total}", url.ToString()])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var curl = Process.Start(info) ?? throw new InvalidOperationException("curl did not start");
        var output = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        if (curl.ExitCode != 0)
        {
            throw new InvalidOperationException($"curl {url} exited with {curl.ExitCode}");
        }

        return double.Parse(output, CultureInfo.InvariantCulture) * 1000;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
