using Dashboard.Core.RemoteWrite;
using Dashboard.Core.Storage.Index;
using Dashboard.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Host.Tests.RemoteWrite;

/// <summary>The host configured with a remote: what it collects and stores also reaches a real Prometheus 2.42.</summary>
public sealed class HostSenderTests
{
    [Fact]
    public async Task Collected_samples_reach_Prometheus_as_they_are_in_our_store_and_a_stop_flushes_the_queue()
    {
        using var folder = new TempFolder();
        await using var prometheus = await PrometheusProcess.StartAsync(folder.Combine("prometheus"), "scrape_configs: []\n", remoteWriteReceiver: true);
        var settings = new Dictionary<string, string>
        {
            ["Dashboard:RemoteWrite:Remotes:0:Name"] = "prometheus",
            ["Dashboard:RemoteWrite:Remotes:0:Url"] = prometheus.WriteUrl.ToString(),
            // A long deadline: whatever is queued at the stop goes out only because the stop flushes it.
            ["Dashboard:RemoteWrite:Remotes:0:BatchSendDeadline"] = "00:01:00",
        };
        var host = new ReceiverHost(writerKey: null, pluginsJson: """
            { "instances": [ { "id": "counter", "plugin": "Counting", "labels": { "env": "rw" }, "config": { "interval_ms": 200 } } ] }
            """, settings: settings, testPlugins: "Counting");
        Dictionary<string, List<(long, double)>> ours;
        RemoteWriteSink sink;
        try
        {
            await host.WaitReadyAsync();
            sink = host.Services.GetRequiredService<RemoteWriteSink>();
            await Eventually.TrueAsync(() => Read(host).Values.Sum(s => s.Count) >= 20, TimeSpan.FromSeconds(30), "ten collects stored");
            ours = Read(host);
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Equal((0L, 0L), (sink.FailedTotal("prometheus"), sink.DroppedTotal("prometheus")));
        var theirs = await prometheus.RawSamplesAsync("{env=\"rw\"}", TimeSpan.FromMinutes(10), DateTimeOffset.UtcNow);
        // This fails now and then in full runs on a loaded machine, cause not yet found: the message tells whether the
        // samples are missing at Prometheus too (lost before sending) or only from the count, and whether any were
        // still queued after the stop.
        Assert.True(sink.SentTotal("prometheus") >= ours.Values.Sum(s => s.Count),
            $"sent {sink.SentTotal("prometheus")}, retried {sink.RetriedTotal("prometheus")}, pending after the stop {sink.Pending("prometheus")}; " +
            $"ours {Describe(ours)}; theirs {Describe(theirs)}");
        Assert.Equal(ours.Keys.Order(), theirs.Keys.Order());
        foreach (var (series, samples) in ours)
        {
            // Prometheus has what we had when we read, and the collects after it up to the stop.
            Assert.Equal(samples, theirs[series].Take(samples.Count));
        }

        await host.DisposeAsync();
    }

    private static string Describe(Dictionary<string, List<(long TimestampMs, double Value)>> series) =>
        string.Join("; ", series.Select(s => $"{s.Key}: {s.Value.Count} at [{string.Join(", ", s.Value.Select(v => v.TimestampMs))}]"));

    private static Dictionary<string, List<(long, double)>> Read(ReceiverHost host) =>
        host.Store.Select([LabelMatcher.Equal("env", "rw")], long.MinValue, long.MaxValue).ToDictionary(
            s => PrometheusProcess.Key(s.Labels.Select(l => (l.Name, l.Value))),
            s =>
            {
                var samples = new List<(long, double)>();
                var cursor = s.Samples();
                while (cursor.MoveNext())
                {
                    samples.Add((cursor.Timestamp, cursor.Value));
                }

                return samples;
            });
}
