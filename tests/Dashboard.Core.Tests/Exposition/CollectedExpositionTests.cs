using System.Text;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Exposition;

namespace Dashboard.Core.Tests.Exposition;

public sealed class CollectedExpositionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> NoOwnFamilies = [];

    private readonly LatestSamples _latest = new();
    private readonly Dictionary<string, string> _plugins = new() { ["web"] = "HttpProbe", ["db"] = "System" };
    private readonly CollectedExposition _exposition;

    public CollectedExpositionTests() => _exposition = new CollectedExposition(_latest, id => _plugins[id]);

    [Fact]
    public async Task Groups_each_metric_across_instances_under_one_type_line_sorted_by_name()
    {
        Collect("web", new Dictionary<string, string> { ["env"] = "prod" }, w =>
        {
            w.Gauge("up", 1);
            w.Counter("requests_total", [new("code", "200")], 10);
        });
        Collect("db", new Dictionary<string, string>(), w =>
        {
            w.Counter("requests_total", [new("code", "500")], 2);
            w.Gauge("up", 0);
        });

        var text = await ScrapeAsync(TextExpositionFormat.Prometheus);

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("# TYPE requests_total counter", lines[0]);
        Assert.Equal(
            ["requests_total{code=\"200\",env=\"prod\",plugin=\"HttpProbe\",instance=\"web\"} 10",
             "requests_total{code=\"500\",plugin=\"System\",instance=\"db\"} 2"],
            lines[1..3].Order(StringComparer.Ordinal));
        Assert.Equal("# TYPE up gauge", lines[3]);
        Assert.Equal(
            ["up{env=\"prod\",plugin=\"HttpProbe\",instance=\"web\"} 1", "up{plugin=\"System\",instance=\"db\"} 0"],
            lines[4..6].Order(StringComparer.Ordinal));
        Assert.Equal(6, lines.Length);
    }

    [Fact]
    public async Task Keeps_a_collected_plugin_or_instance_label_as_exported_and_escapes_values()
    {
        Collect("web", new Dictionary<string, string>(), w =>
            w.Gauge("target_up", [new("instance", "10.0.0.1:9100"), new("path", "C:\\x \"q\"\nend")], 1));

        var text = await ScrapeAsync(TextExpositionFormat.Prometheus);

        Assert.Contains(
            "target_up{exported_instance=\"10.0.0.1:9100\",path=\"C:\\\\x \\\"q\\\"\\nend\",plugin=\"HttpProbe\",instance=\"web\"} 1\n",
            text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-3.0, "-3")]
    [InlineData(123456789012.0, "123456789012")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(1e20, "1E+20")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public async Task Formats_values_as_Prometheus_parses_them(double value, string expected)
    {
        Collect("db", new Dictionary<string, string>(), w => w.Gauge("v", value));

        var text = await ScrapeAsync(TextExpositionFormat.Prometheus);

        Assert.EndsWith($"v{{plugin=\"System\",instance=\"db\"}} {expected}\n", text, StringComparison.Ordinal);
        if (double.IsFinite(value))
        {
            Assert.Equal(value, double.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task OpenMetrics_names_counter_families_without_total_and_marks_odd_ones_unknown()
    {
        Collect("db", new Dictionary<string, string>(), w =>
        {
            w.Counter("bytes_total", 5);
            w.Counter("restarts", 1);
            w.Gauge("temperature_celsius", 21.5);
        });
        Collect("web", new Dictionary<string, string>(), w => w.Gauge("bytes_total", 7));

        var om = await ScrapeAsync(TextExpositionFormat.OpenMetrics);
        var text = await ScrapeAsync(TextExpositionFormat.Prometheus);

        Assert.Contains("# TYPE bytes_total unknown\n", om, StringComparison.Ordinal);
        Assert.Contains("# TYPE restarts unknown\n", om, StringComparison.Ordinal);
        Assert.Contains("# TYPE temperature_celsius gauge\n", om, StringComparison.Ordinal);
        Assert.Contains("# TYPE bytes_total untyped\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE restarts counter\n", text, StringComparison.Ordinal);

        _latest.Forget("web");
        Assert.Contains("# TYPE bytes counter\nbytes_total{plugin=\"System\",instance=\"db\"} 5\n",
            await ScrapeAsync(TextExpositionFormat.OpenMetrics), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaves_out_a_family_named_like_one_of_the_hosts_own()
    {
        Collect("db", new Dictionary<string, string>(), w =>
        {
            w.Counter("process_cpu_seconds_total", 3);
            w.Gauge("load1", 0.5);
        });
        using var output = new MemoryStream();

        var tally = await _exposition.WriteAsync(output, TextExpositionFormat.OpenMetrics, new HashSet<string> { "process_cpu_seconds" },
            CancellationToken.None);

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.DoesNotContain("process_cpu", text, StringComparison.Ordinal);
        Assert.Contains("load1{", text, StringComparison.Ordinal);
        Assert.Equal(new ExpositionTally(1, 1, 1), tally);
    }

    [Fact]
    public async Task Shows_only_the_series_of_each_instances_last_collect()
    {
        Collect("db", new Dictionary<string, string>(), w =>
        {
            w.Gauge("disk_free_bytes", [new("device", "sda")], 10);
            w.Gauge("disk_free_bytes", [new("device", "sdb")], 20);
        }, out var table);
        Collect("db", table, w => w.Gauge("disk_free_bytes", [new("device", "sdb")], 25));

        var text = await ScrapeAsync(TextExpositionFormat.Prometheus);

        Assert.Equal("# TYPE disk_free_bytes gauge\ndisk_free_bytes{device=\"sdb\",plugin=\"System\",instance=\"db\"} 25\n", text);
    }

    [Fact]
    public async Task Writes_many_series_through_the_buffer_without_losing_or_repeating_one()
    {
        Collect("db", new Dictionary<string, string>(), w =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                w.Gauge($"m{i % 7}", [new("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))], i);
            }
        });

        var lines = (await ScrapeAsync(TextExpositionFormat.Prometheus)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(7, lines.Count(l => l.StartsWith("# TYPE", StringComparison.Ordinal)));
        var values = lines.Where(l => !l.StartsWith('#')).Select(l => int.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(0, 20_000), values.Order());
    }

    public void Dispose() => _exposition.Dispose();

    private void Collect(string instanceId, Dictionary<string, string> labels, Action<ISampleWriter> write) =>
        Collect(instanceId, labels, write, out _);

    private void Collect(string instanceId, Dictionary<string, string> labels, Action<ISampleWriter> write, out SeriesTable table)
    {
        table = new SeriesTable(labels, 100_000);
        Collect(instanceId, table, write);
    }

    private void Collect(string instanceId, SeriesTable table, Action<ISampleWriter> write)
    {
        var writer = new InstanceSampleWriter(instanceId, table);
        writer.Begin(Now);
        write(writer);
        var batch = writer.Complete();
        _latest.Accept(batch);
        batch.Release();
    }

    private async Task<string> ScrapeAsync(TextExpositionFormat format)
    {
        using var output = new MemoryStream();
        await _exposition.WriteAsync(output, format, NoOwnFamilies, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
