using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Plugins.PrometheusScrape.Exposition;

namespace Dashboard.Bench;

/// <summary>
/// The PrometheusScrape plugin's parser on real expositions captured from Debian's node_exporter 1.5.0 and Prometheus
/// 2.42.0 (<c>Fixtures/</c>, both text format 0.0.4 as the peers serve it). <c>Steady</c> is every scrape after the
/// first: each series text is found in the parser's cache. <c>FirstScrape</c> is a fresh parser that builds every
/// entry. <c>SteadyIntoWriter</c> adds what the collect does next: writing each sample through the host's
/// <see cref="InstanceSampleWriter"/>. The MB/s and samples/s columns divide the body's size and its sample count by
/// the mean time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[Config(typeof(ThroughputConfig))]
public class ScrapeParserBenchmarks
{
    private static readonly Dictionary<string, (long Bytes, int Samples)> Sizes = [];

    private readonly ScrapedSamples _samples = new();
    private byte[] _body = [];
    private ExpositionParser _parser = null!;
    private InstanceSampleWriter _writer = null!;

    /// <summary>The captured exposition.</summary>
    [Params("node-exporter-1.5.0", "prometheus-2.42.0")]
    public string Fixture { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _body = File.ReadAllBytes(FixturePath(Fixture));
        _parser = NewParser();
        _writer = new InstanceSampleWriter("bench", new SeriesTable(new Dictionary<string, string> { ["job"] = "node" }, 100_000));
        Steady();
        SteadyIntoWriter();
        if (_parser.MalformedLines != 0)
        {
            throw new InvalidOperationException($"{Fixture}: {_parser.MalformedLines} malformed lines, the last: {_parser.LastError}");
        }

        Sizes[Fixture] = (_body.Length, _samples.Count);
    }

    [Benchmark(Baseline = true)]
    public int Steady()
    {
        _samples.Clear();
        _parser.ParseAll(ExpositionFormat.Text, _body, _samples);
        return _samples.Count;
    }

    [Benchmark]
    public int FirstScrape()
    {
        _samples.Clear();
        NewParser().ParseAll(ExpositionFormat.Text, _body, _samples);
        return _samples.Count;
    }

    [Benchmark]
    public int SteadyIntoWriter()
    {
        _samples.Clear();
        _parser.ParseAll(ExpositionFormat.Text, _body, _samples);
        _writer.Begin(DateTimeOffset.UnixEpoch);
        _samples.WriteTo(_writer);
        var batch = _writer.Complete();
        var count = batch.Count;
        batch.Release();
        return count;
    }

    private static ExpositionParser NewParser() =>
        new(new TargetLabels([new Label("instance", "127.0.0.1:9100")], honorLabels: false), honorTimestamps: true);

    private static string FixturePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "Dashboard.Bench", "Fixtures", name + ".prom");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"bench/Dashboard.Bench/Fixtures/{name}.prom not found above {AppContext.BaseDirectory}.");
    }

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig()
        {
            AddColumn(new ThroughputColumn("MB/s", (bytes, _) => bytes / 1e6), new ThroughputColumn("samples/s", (_, samples) => samples));
        }
    }

    /// <summary>A quantity of the fixture (its bytes or samples) divided by the mean time of one parse.</summary>
    private sealed class ThroughputColumn(string name, Func<long, int, double> quantity) : IColumn
    {
        public string Id => nameof(ThroughputColumn) + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"{name} of the fixture parsed, by the mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var fixture = (string)benchmarkCase.Parameters["Fixture"];
            if (summary[benchmarkCase]?.ResultStatistics is not { } statistics)
            {
                return "-";
            }

            // The benchmark ran in its own process; in this, the host's, the fixture is set up again to count it.
            if (!Sizes.ContainsKey(fixture))
            {
                new ScrapeParserBenchmarks { Fixture = fixture }.Setup();
            }

            var (bytes, samples) = Sizes[fixture];
            return (quantity(bytes, samples) / (statistics.Mean / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
