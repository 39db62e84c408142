using Dashboard.Tests;

namespace Dashboard.Core.Tests.RemoteWrite;

/// <summary>The sender's queue and stop against a real Prometheus 2.42 receiver.</summary>
public sealed class RemoteWriteQueueTests
{
    private static readonly long T0 = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();

    [Fact]
    public async Task A_400_from_Prometheus_for_an_out_of_order_collect_is_not_retried_and_counts_as_failed()
    {
        using var folder = new TempFolder();
        await using var prometheus = await PrometheusProcess.StartAsync(folder.Combine("prometheus"), "scrape_configs: []\n", remoteWriteReceiver: true);
        await using var fixture = new RemoteWriteSinkFixture(RemoteWriteRetryTests.Remote(prometheus.WriteUrl));

        fixture.Collect(T0 + 1000, RemoteWriteRetryTests.Samples(10));
        await fixture.WaitSentAsync(10);
        fixture.Collect(T0, RemoteWriteRetryTests.Samples(10));
        await Eventually.TrueAsync(() => fixture.Sink.FailedTotal("test") == 10, TimeSpan.FromSeconds(30), "the older collect refused");
        fixture.Collect(T0 + 2000, RemoteWriteRetryTests.Samples(10));
        await fixture.WaitSentAsync(20);
        await fixture.Sink.StopAsync(CancellationToken.None);

        Assert.Equal(1, await prometheus.SelfMetricAsync("prometheus_http_requests_total", "handler=\"/api/v1/write\"", "code=\"400\""));
        Assert.Equal(2, await prometheus.SelfMetricAsync("prometheus_http_requests_total", "handler=\"/api/v1/write\"", "code=\"204\""));
        Assert.Equal(0, fixture.Sink.RetriedTotal("test"));
        var stored = await prometheus.RawSamplesAsync("{__name__=\"rw_test\"}", TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        Assert.All(stored.Values, samples => Assert.Equal([T0 + 1000, T0 + 2000], samples.Select(s => s.TimestampMs)));
    }

    [Fact]
    public async Task A_network_error_is_retried_until_Prometheus_listens()
    {
        using var folder = new TempFolder();
        var port = LoopbackListener.FreePort();
        await using var fixture = new RemoteWriteSinkFixture(RemoteWriteRetryTests.Remote(new Uri($"http://127.0.0.1:{port}/api/v1/write")));

        fixture.Collect(T0, RemoteWriteRetryTests.Samples(3));
        await Eventually.TrueAsync(() => fixture.Sink.RetriedTotal("test") >= 6, TimeSpan.FromSeconds(30), "two retries on a closed port");
        await using var prometheus = await PrometheusProcess.StartAsync(folder.Combine("prometheus"), "scrape_configs: []\n", remoteWriteReceiver: true, port);
        await fixture.WaitSentAsync(3);

        var stored = await prometheus.RawSamplesAsync("{__name__=\"rw_test\"}", TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        Assert.Equal(3, stored.Values.Sum(s => s.Count));
    }

    [Fact]
    public async Task A_stop_sends_what_is_queued_without_waiting_for_the_deadline()
    {
        using var folder = new TempFolder();
        await using var prometheus = await PrometheusProcess.StartAsync(folder.Combine("prometheus"), "scrape_configs: []\n", remoteWriteReceiver: true);
        var remote = RemoteWriteRetryTests.Remote(prometheus.WriteUrl);
        remote.BatchSendDeadline = TimeSpan.FromHours(1);
        remote.Shards = 3;
        await using var fixture = new RemoteWriteSinkFixture(remote);

        fixture.Collect(T0, RemoteWriteRetryTests.Samples(20));
        fixture.Collect(T0 + 1000, RemoteWriteRetryTests.Samples(20));
        Assert.Equal(0, fixture.Sent);
        await fixture.Sink.StopAsync(CancellationToken.None);

        Assert.Equal(40, fixture.Sent);
        var stored = await prometheus.RawSamplesAsync("{__name__=\"rw_test\"}", TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        Assert.Equal(40, stored.Values.Sum(s => s.Count));
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_samples_and_counts_them()
    {
        using var folder = new TempFolder();
        await using var prometheus = await PrometheusProcess.StartAsync(folder.Combine("prometheus"), "scrape_configs: []\n", remoteWriteReceiver: true);
        var remote = RemoteWriteRetryTests.Remote(prometheus.WriteUrl);
        remote.Capacity = 50;
        remote.BatchSendDeadline = TimeSpan.FromHours(1);
        remote.MaxSamplesPerSend = 1000;
        await using var fixture = new RemoteWriteSinkFixture(remote);

        for (var round = 0; round < 4; round++)
        {
            fixture.Collect(T0 + (round * 1000), RemoteWriteRetryTests.Samples(20));
        }

        await fixture.Sink.StopAsync(CancellationToken.None);

        Assert.Equal((50L, 30L), (fixture.Sent, fixture.Sink.DroppedTotal("test")));
        var stored = (await prometheus.RawSamplesAsync("{__name__=\"rw_test\"}", TimeSpan.FromHours(1), DateTimeOffset.UtcNow))
            .Values.SelectMany(s => s).ToList();
        Assert.Equal(50, stored.Count);
        Assert.Equal([(T0 + 1000, 10), (T0 + 2000, 20), (T0 + 3000, 20)],
            stored.GroupBy(s => s.TimestampMs).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())));
    }
}
