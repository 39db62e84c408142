using System.Globalization;
using Dashboard.Core.Storage.Index;
using Dashboard.Tests;

namespace Dashboard.Host.Tests.RemoteWrite;

/// <summary>A real Prometheus 2.42 scraping a loopback target and remote-writing to our receiver.</summary>
public sealed class PrometheusToReceiverTests
{
    private const string Key = "writer-secret-2";

    [Fact]
    public async Task What_Prometheus_stores_from_its_scrapes_equals_what_it_wrote_into_our_store()
    {
        await using var host = new ReceiverHost(Key);
        await host.WaitReadyAsync();
        using var target = new ExpositionTarget(series: 25);
        var config = string.Create(CultureInfo.InvariantCulture, $$"""
            global: { scrape_interval: 1s, scrape_timeout: 1s }
            scrape_configs:
              - job_name: rw-target
                static_configs: [ { targets: ["127.0.0.1:{{target.Port}}"] } ]
            remote_write:
              - url: {{host.WriteUrl}}
                authorization: { credentials: {{Key}} }
                queue_config: { batch_send_deadline: 1s }

            """);
        await using var prometheus = await PrometheusProcess.StartAsync(host.Folder("prometheus"), config, remoteWriteReceiver: false);

        await Eventually.TrueAsync(() => target.Scrapes >= 8, TimeSpan.FromSeconds(60), "eight scrapes");
        // Every scrape up to here is in Prometheus's head; each reaches us within a send deadline or two.
        var until = DateTimeOffset.UtcNow.AddSeconds(-1);
        var expected = await prometheus.RawSamplesAsync("{job=\"rw-target\"}", TimeSpan.FromMinutes(5), until);
        var from = until.AddMinutes(-5).ToUnixTimeMilliseconds() + 1;
        Dictionary<string, List<(long, double)>> ours = [];
        await Eventually.TrueAsync(() =>
        {
            ours = host.Store.Select([LabelMatcher.Equal("job", "rw-target")], from, until.ToUnixTimeMilliseconds())
                .ToDictionary(s => PrometheusProcess.Key(s.Labels.Select(l => (l.Name, l.Value))), Samples);
            return expected.All(e => ours.TryGetValue(e.Key, out var got) && got.Count >= e.Value.Count);
        }, TimeSpan.FromSeconds(30), "our store caught up with Prometheus; log:\n" + prometheus.Log);

        Assert.True(expected.Count >= 55, $"25 gauges, 25 counters and Prometheus's own per-target series; got {expected.Count}");
        Assert.Equal(expected.Keys.Order(), ours.Keys.Order());
        foreach (var (series, samples) in expected)
        {
            Assert.Equal(samples.Select(Bits), ours[series].Select(Bits));
        }

        Assert.Equal(0, await prometheus.SelfMetricAsync("prometheus_remote_storage_samples_failed_total"));
        Assert.Equal(0, await prometheus.SelfMetricAsync("prometheus_remote_storage_samples_dropped_total"));
    }

    private static List<(long, double)> Samples(Core.Storage.SelectedSeries series)
    {
        var samples = new List<(long, double)>();
        var cursor = series.Samples();
        while (cursor.MoveNext())
        {
            samples.Add((cursor.Timestamp, cursor.Value));
        }

        return samples;
    }

    private static (long, long) Bits((long Timestamp, double Value) sample) => (sample.Timestamp, BitConverter.DoubleToInt64Bits(sample.Value));
}
