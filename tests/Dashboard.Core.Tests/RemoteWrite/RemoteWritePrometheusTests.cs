using System.Globalization;
using Dashboard.Core.RemoteWrite;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.RemoteWrite;

/// <summary>The sender against a real Prometheus 2.42 started with <c>--web.enable-remote-write-receiver</c>.</summary>
public sealed class RemoteWritePrometheusTests
{
    private static readonly double[] Specials = [0, -1.5, 1e-300, 1e300, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.1 + 0.2];

    [Fact]
    public async Task Every_sample_sent_is_queryable_back_from_Prometheus_identically()
    {
        using var folder = new TempFolder();
        await using var prometheus = await PrometheusProcess.StartAsync(folder.Combine("prometheus"), "scrape_configs: []\n", remoteWriteReceiver: true);
        await using var fixture = new RemoteWriteSinkFixture(new RemoteOptions
        {
            Url = prometheus.WriteUrl,
            MaxSamplesPerSend = 100,
            BatchSendDeadline = TimeSpan.FromMilliseconds(200),
        });
        var now = DateTimeOffset.UtcNow;
        var start = now.AddMinutes(-10).ToUnixTimeMilliseconds();
        var expected = new Dictionary<string, List<(long, double)>>();
        var random = new Random(7);
        var total = 0L;
        for (var round = 0; round < 60; round++)
        {
            var timestamp = start + (round * 10_000) + random.Next(0, 999);
            var samples = Enumerable.Range(0, 40).Select(i =>
            {
                var value = i < Specials.Length ? Specials[(i + round) % Specials.Length] : Math.Round(random.NextDouble() * 1e6, random.Next(0, 6));
                var metric = i % 2 == 0 ? "rw_sent_a" : "rw_sent_b:rate";
                var label = i.ToString(CultureInfo.InvariantCulture);
                Expect(expected, metric, label, timestamp, value);
                return (metric, label, value);
            }).ToList();
            total += fixture.Collect(timestamp, samples);
        }

        await fixture.WaitSentAsync(total);
        var stored = await prometheus.RawSamplesAsync("{env=\"test\"}", TimeSpan.FromMinutes(15), now);

        Assert.Equal((0L, 0L), (fixture.Sink.FailedTotal("test"), fixture.Sink.DroppedTotal("test")));
        Assert.Equal(expected.Keys.Order(), stored.Keys.Order());
        foreach (var (series, samples) in expected)
        {
            Assert.Equal(samples.Select(Bits), stored[series].Select(Bits));
        }
    }

    [Fact]
    public async Task Nothing_within_the_buffer_is_lost_while_Prometheus_is_down_for_30_seconds()
    {
        using var folder = new TempFolder();
        await using var prometheus = await PrometheusProcess.StartAsync(folder.Combine("prometheus"), "scrape_configs: []\n", remoteWriteReceiver: true);
        // 20 series a second for about 40 s: 800 samples, well within 2 shards × 2500.
        await using var fixture = new RemoteWriteSinkFixture(new RemoteOptions
        {
            Url = prometheus.WriteUrl,
            Shards = 2,
            BatchSendDeadline = TimeSpan.FromMilliseconds(500),
            MaxBackoff = TimeSpan.FromSeconds(2),
        });
        var expected = new Dictionary<string, List<(long, double)>>();
        var total = 0L;
        var round = 0;

        async Task CollectForAsync(TimeSpan duration)
        {
            var until = DateTime.UtcNow + duration;
            while (DateTime.UtcNow < until)
            {
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var samples = Enumerable.Range(0, 20).Select(i => ("rw_outage", i.ToString(CultureInfo.InvariantCulture), (double)((round * 100) + i))).ToList();
                foreach (var (metric, label, value) in samples)
                {
                    Expect(expected, metric, label, timestamp, value);
                }

                total += fixture.Collect(timestamp, samples);
                round++;
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        await CollectForAsync(TimeSpan.FromSeconds(3));
        await fixture.WaitSentAsync(total);
        await prometheus.StopAsync();
        await CollectForAsync(TimeSpan.FromSeconds(30));
        Assert.True(fixture.Sink.Pending("test") > 0, "samples wait while Prometheus is down");
        await prometheus.RestartAsync();
        await CollectForAsync(TimeSpan.FromSeconds(3));
        await fixture.WaitSentAsync(total, seconds: 60);

        var stored = await prometheus.RawSamplesAsync("{__name__=\"rw_outage\"}", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);
        Assert.True(fixture.Sink.RetriedTotal("test") > 0, "the outage made the sender retry");
        Assert.Equal((total, 0L, 0L), (fixture.Sent, fixture.Sink.FailedTotal("test"), fixture.Sink.DroppedTotal("test")));
        Assert.Equal(expected.Keys.Order(), stored.Keys.Order());
        foreach (var (series, samples) in expected)
        {
            Assert.Equal(samples.Select(Bits), stored[series].Select(Bits));
        }
    }

    private static void Expect(Dictionary<string, List<(long, double)>> expected, string metric, string label, long timestamp, double value)
    {
        var key = PrometheusProcess.Key([("__name__", metric), ("env", "test"), ("series", label)]);
        if (!expected.TryGetValue(key, out var list))
        {
            expected[key] = list = [];
        }

        list.Add((timestamp, value));
    }

    private static (long, long) Bits((long Timestamp, double Value) sample) => (sample.Timestamp, BitConverter.DoubleToInt64Bits(sample.Value));
}
