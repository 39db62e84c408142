using Dashboard.Abstractions;
using Dashboard.Core.Collection;

namespace Dashboard.Core.Tests.Collection;

public sealed class LatestSamplesTests
{
    [Fact]
    public void Latest_holds_the_last_collect_only_and_forgets_series_it_no_longer_wrote()
    {
        var writer = new InstanceSampleWriter("i1", new SeriesTable(new Dictionary<string, string>(), 100));
        var latest = new LatestSamples();

        writer.Begin(DateTimeOffset.UnixEpoch);
        writer.Gauge("a", 1);
        writer.Gauge("b", 2);
        latest.Accept(writer.Complete());
        writer.Begin(DateTimeOffset.UnixEpoch.AddSeconds(1));
        writer.Gauge("a", 3);
        latest.Accept(writer.Complete());

        var sample = Assert.Single(latest.Get("i1"));
        Assert.Equal(("a", 3.0, 1000L), (sample.Series.Metric, sample.Value, sample.TimestampMs));
        Assert.Empty(latest.Get("unknown"));
    }

    [Fact]
    public void A_late_batch_of_a_retired_instance_does_not_bring_its_values_back()
    {
        var table = new SeriesTable(new Dictionary<string, string>(), 100);
        var writer = new InstanceSampleWriter("i1", table);
        var latest = new LatestSamples();
        writer.Begin(DateTimeOffset.UnixEpoch);
        writer.Gauge("a", 1);
        var late = writer.Complete();

        table.Retire();
        latest.Forget("i1");
        latest.Accept(late);

        Assert.Empty(latest.Get("i1"));
    }
}
