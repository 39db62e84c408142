using Dashboard.Abstractions;
using Dashboard.Core.Collection;

namespace Dashboard.Core.Tests.Collection;

public sealed class InstanceSampleWriterTests
{
    private static readonly DateTimeOffset CollectStart = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Samples_carry_the_collect_start_unless_the_plugin_gives_a_timestamp()
    {
        var writer = new InstanceSampleWriter("i1", new SeriesTable(new Dictionary<string, string>(), 100));
        writer.Begin(CollectStart);

        writer.Gauge("a", 1.5);
        writer.Write("b_total", MetricKind.Counter, [new("x", "y")], 7, CollectStart.AddSeconds(-30));
        var batch = writer.Complete();

        Assert.Equal("i1", batch.InstanceId);
        Assert.Equal(2, batch.Count);
        Assert.Equal(new Sample(batch.Samples[0].Series, CollectStart.ToUnixTimeMilliseconds(), 1.5), batch.Samples[0]);
        Assert.Equal(CollectStart.AddSeconds(-30).ToUnixTimeMilliseconds(), batch.Samples[1].TimestampMs);
        Assert.Equal(MetricKind.Counter, batch.Samples[1].Series.Kind);
    }

    [Fact]
    public void Writing_after_the_collect_completed_is_refused_with_a_clear_error()
    {
        var writer = new InstanceSampleWriter("i1", new SeriesTable(new Dictionary<string, string>(), 100));
        writer.Begin(CollectStart);
        writer.Complete().Release();

        var error = Assert.Throws<InvalidOperationException>(() => writer.Gauge("late", 1));

        Assert.Contains("only valid while CollectAsync runs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_steady_state_collect_allocates_nothing_per_sample()
    {
        var writer = new InstanceSampleWriter("i1", new SeriesTable(new Dictionary<string, string> { ["env"] = "x" }, 10_000));
        string[] cpus = [.. Enumerable.Range(0, 64).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        WriteRound(writer, cpus).Release();

        writer.Begin(CollectStart);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 10; round++)
        {
            foreach (var cpu in cpus)
            {
                writer.Counter("cpu_seconds_total", [new("cpu", cpu), new("mode", "idle")], round);
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        writer.Complete().Release();

        // The first round sized the pooled buffer; 640 samples of known series must not allocate at all.
        Assert.Equal(0, allocated);
    }

    private static SampleBatch WriteRound(InstanceSampleWriter writer, string[] cpus)
    {
        writer.Begin(CollectStart);
        for (var round = 0; round < 10; round++)
        {
            foreach (var cpu in cpus)
            {
                writer.Counter("cpu_seconds_total", [new("cpu", cpu), new("mode", "idle")], round);
            }
        }

        return writer.Complete();
    }
}
