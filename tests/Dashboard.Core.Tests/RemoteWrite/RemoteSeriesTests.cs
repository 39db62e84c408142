using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.RemoteWrite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.RemoteWrite;

public sealed class RemoteSeriesTests
{
    [Fact]
    public void The_metric_name_takes_its_sorted_place_among_the_labels()
    {
        var series = RemoteSeries.Create("m", [new Label("A", "1"), new Label("_x", "3"), new Label("b", "2")]);

        Assert.Equal(["A", "__name__", "_x", "b"], series.Labels.Select(l => l.Name));
        Assert.Equal("m", series.Labels[1].Value);
        Assert.Equal(["__name__"], RemoteSeries.Create("m", []).Labels.Select(l => l.Name));
    }

    [Fact]
    public void A_series_is_built_once_and_always_routed_to_the_same_shard()
    {
        var writer = new InstanceSampleWriter("i", new SeriesTable(new Dictionary<string, string> { ["env"] = "test" }, 1000));
        using var metrics = new RemoteWriteMetrics(new Dashboard.Tests.TestMeterFactory());
        var queue = new RemoteQueue(new RemoteOptions { Name = "r", Url = new Uri("http://127.0.0.1:1/"), Shards = 7 },
            metrics, new FakeTimeProvider(), NullLogger.Instance);
        var shardOf = new Dictionary<string, HashSet<int>>();
        for (var round = 0; round < 3; round++)
        {
            writer.Begin(DateTimeOffset.UnixEpoch.AddSeconds(round));
            for (var i = 0; i < 50; i++)
            {
                writer.Gauge("m", [new Label("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))], i);
            }

            var batch = writer.Complete();
            foreach (var sample in batch.Samples)
            {
                var remote = RemoteSeries.Of(sample.Series);
                Assert.Same(remote, RemoteSeries.Of(sample.Series));
                var key = sample.Series.ToString();
                shardOf.TryAdd(key, []);
                shardOf[key].Add(queue.ShardOf(remote));
            }

            queue.Accept(batch.Samples);
            batch.Release();
        }

        Assert.Equal(50, shardOf.Count);
        Assert.All(shardOf.Values, shards => Assert.Single(shards));
        Assert.True(shardOf.Values.Select(s => s.Single()).Distinct().Count() > 1, "50 series should spread over more than one of 7 shards");
        Assert.Equal(150, queue.Pending);
        Assert.Equal(150, queue.Shards.Sum(s => s.Queue.Count));
        queue.Dispose();
    }
}
