using System.Text;
using Dashboard.Plugins.PrometheusScrape.Exposition;

namespace Dashboard.Plugins.PrometheusScrape.Tests;

public sealed class ParserCacheTests
{
    private const string Body = """
        # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
        # TYPE node_cpu_seconds_total counter
        node_cpu_seconds_total{cpu="0",mode="idle"} 1234.5
        node_cpu_seconds_total{cpu="0",mode="user"} 56.25
        # TYPE node_load1 gauge
        node_load1 0.42
        # TYPE rpc_duration_seconds histogram
        rpc_duration_seconds_bucket{le="0.1"} 33444 1395066363000
        rpc_duration_seconds_bucket{le="+Inf"} 144320 1395066363000
        rpc_duration_seconds_sum 53423
        rpc_duration_seconds_count 144320
        broken{ 1

        """;

    [Fact]
    public void A_repeated_scrape_allocates_nothing_and_reuses_the_label_arrays()
    {
        var run = new ParserRun(true, false, new Abstractions.Label("instance", "127.0.0.1:9100"));
        var body = Encoding.UTF8.GetBytes(Body);
        run.Parse(body);
        var labelsBefore = run.Samples.Series(0).Labels;
        run.Parse(body);

        var before = GC.GetAllocatedBytesForCurrentThread();
        run.Samples.Clear();
        run.Parser.ParseAll(ExpositionFormat.Text, body, run.Samples);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(7, run.Samples.Count);
        Assert.Equal(1, run.MalformedLines);
        Assert.Same(labelsBefore, run.Samples.Series(0).Labels);
    }

    [Fact]
    public void Series_that_stop_appearing_are_pruned_so_churn_does_not_grow_the_cache()
    {
        var run = new ParserRun();

        for (var scrape = 0; scrape < 20; scrape++)
        {
            var body = string.Concat(Enumerable.Range(0, 1000).Select(i => $"churn{{id=\"{scrape}-{i}\"}} 1\n"));
            run.Parse(body);
        }

        Assert.InRange(run.Parser.CachedSeries, 1000, 2 * 1000 + 1024 + 1000);
    }
}
