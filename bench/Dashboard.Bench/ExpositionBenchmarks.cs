using System.Globalization;
using BenchmarkDotNet.Attributes;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Exposition;

namespace Dashboard.Bench;

/// <summary>
/// P9's hot path without HTTP: one scrape of <see cref="Series"/> collected series (node_exporter-like: a counter per
/// cpu and mode, four labels with the instance's), already rendered once, written as text to a null stream. The reported
/// time is per scrape: divide by <see cref="Series"/>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ExpositionBenchmarks : IDisposable
{
    private static readonly HashSet<string> NoOwnFamilies = [];
    private readonly LatestSamples _latest = new();
    private CollectedExposition _exposition = null!;

    /// <summary>Series exposed.</summary>
    [Params(10_000, 100_000)]
    public int Series { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var writer = new InstanceSampleWriter("node", new SeriesTable(new Dictionary<string, string> { ["env"] = "bench" }, Series));
        writer.Begin(DateTimeOffset.UnixEpoch);
        string[] modes = ["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"];
        for (var i = 0; i < Series; i++)
        {
            var cpu = (i / modes.Length).ToString(CultureInfo.InvariantCulture);
            writer.Write("node_cpu_seconds_total", MetricKind.Counter, [new("cpu", cpu), new("mode", modes[i % modes.Length])],
                1234.56 + i);
        }

        var batch = writer.Complete();
        _latest.Accept(batch);
        batch.Release();
        _exposition = new CollectedExposition(_latest, _ => "PrometheusScrape");
        Scrape();
    }

    [Benchmark]
    public void Scrape() =>
        _exposition.WriteAsync(Stream.Null, TextExpositionFormat.Prometheus, NoOwnFamilies, CancellationToken.None).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Dispose()
    {
        _exposition.Dispose();
        GC.SuppressFinalize(this);
    }
}
