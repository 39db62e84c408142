using Dashboard.Core.RemoteWrite;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.RemoteWrite;

/// <summary>The sender against a loopback receiver that answers scripted statuses.</summary>
public sealed class RemoteWriteRetryTests
{
    private const long T0 = 1_714_564_800_000;

    private static RemoteOptions Remote(Uri url, bool retryOn429 = false) => new()
    {
        Url = url,
        Shards = 1,
        MaxSamplesPerSend = 100,
        BatchSendDeadline = TimeSpan.FromMilliseconds(50),
        MinBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
        RetryOnHttp429 = retryOn429,
        BearerToken = "token-1",
    };

    private static IEnumerable<(string, string, double)> Samples(int count) =>
        Enumerable.Range(0, count).Select(i => ("rw_test", i.ToString(System.Globalization.CultureInfo.InvariantCulture), (double)i));

    [Fact]
    public async Task Server_errors_are_retried_with_the_same_body_until_accepted_honouring_retry_after()
    {
        using var receiver = new ScriptedReceiver((500, null), (503, "1"), (204, null));
        var remote = Remote(receiver.Url);
        remote.Headers["X-Tenant"] = "team-a";
        await using var fixture = new RemoteWriteSinkFixture(remote);

        fixture.Collect(T0, Samples(10));
        await fixture.WaitSentAsync(10);

        var requests = receiver.Received;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(requests[0].Points, r.Points));
        Assert.All(requests, r => Assert.Equal(("Bearer token-1", "team-a", "snappy", "0.1.0"), (r.Authorization, r.Tenant, r.ContentEncoding, r.Version)));
        Assert.Equal((10L, 20L, 0L, 0L), (fixture.Sent, fixture.Sink.RetriedTotal("test"), fixture.Sink.FailedTotal("test"), fixture.Sink.DroppedTotal("test")));
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_its_samples_count_as_failed()
    {
        using var receiver = new ScriptedReceiver((400, null), (204, null));
        await using var fixture = new RemoteWriteSinkFixture(Remote(receiver.Url));

        fixture.Collect(T0, Samples(10));
        await Eventually.TrueAsync(() => fixture.Sink.FailedTotal("test") == 10, TimeSpan.FromSeconds(30), "10 samples failed");
        fixture.Collect(T0 + 1000, Samples(5));
        await fixture.WaitSentAsync(5);

        // The second request carries the second collect only: the refused one was never sent again.
        Assert.Equal([10, 5], receiver.Received.Select(r => r.Samples));
        Assert.Equal(0, fixture.Sink.RetriedTotal("test"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_429_is_retried_only_when_configured(bool retryOn429)
    {
        using var receiver = new ScriptedReceiver((429, null), (204, null));
        await using var fixture = new RemoteWriteSinkFixture(Remote(receiver.Url, retryOn429));

        fixture.Collect(T0, Samples(4));
        await Eventually.TrueAsync(() => fixture.Sent + fixture.Sink.FailedTotal("test") == 4, TimeSpan.FromSeconds(30), "the request settled");
        await fixture.Sink.StopAsync(CancellationToken.None);

        Assert.Equal(retryOn429 ? (4L, 0L, 2) : (0L, 4L, 1), (fixture.Sent, fixture.Sink.FailedTotal("test"), receiver.Received.Count));
    }

    [Fact]
    public async Task A_network_error_is_retried_until_the_receiver_listens()
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/api/v1/write");
        await using var fixture = new RemoteWriteSinkFixture(Remote(url));

        fixture.Collect(T0, Samples(3));
        await Eventually.TrueAsync(() => fixture.Sink.RetriedTotal("test") >= 6, TimeSpan.FromSeconds(30), "two retries on a closed port");
        using var receiver = new ScriptedReceiver(port, (204, null));
        await fixture.WaitSentAsync(3);

        Assert.Equal(3, receiver.Received.Sum(r => r.Samples));
    }

    [Fact]
    public async Task A_stop_sends_what_is_queued_without_waiting_for_the_deadline()
    {
        using var receiver = new ScriptedReceiver((204, null));
        var remote = Remote(receiver.Url);
        remote.BatchSendDeadline = TimeSpan.FromHours(1);
        remote.Shards = 3;
        await using var fixture = new RemoteWriteSinkFixture(remote);

        fixture.Collect(T0, Samples(20));
        fixture.Collect(T0 + 1000, Samples(20));
        await fixture.Sink.StopAsync(CancellationToken.None);

        Assert.Equal(40, fixture.Sent);
        Assert.Equal(40, receiver.Received.Sum(r => r.Samples));
    }

    [Fact]
    public async Task A_stop_gives_up_after_the_flush_timeout_and_counts_what_it_drops()
    {
        using var receiver = new ScriptedReceiver((503, null));
        await using var fixture = new RemoteWriteSinkFixture(Remote(receiver.Url), flushTimeout: TimeSpan.FromMilliseconds(500));

        fixture.Collect(T0, Samples(150));
        await Eventually.TrueAsync(() => receiver.Received.Count >= 2, TimeSpan.FromSeconds(30), "retries under way");
        await fixture.Sink.StopAsync(CancellationToken.None);

        Assert.Equal((0L, 150L, 0L), (fixture.Sent, fixture.Sink.DroppedTotal("test"), fixture.Sink.Pending("test")));
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_samples_and_counts_them()
    {
        using var receiver = new ScriptedReceiver((204, null));
        var remote = Remote(receiver.Url);
        remote.Capacity = 50;
        remote.BatchSendDeadline = TimeSpan.FromHours(1);
        remote.MaxSamplesPerSend = 1000;
        await using var fixture = new RemoteWriteSinkFixture(remote);

        for (var round = 0; round < 4; round++)
        {
            fixture.Collect(T0 + (round * 1000), Samples(20));
        }

        await fixture.Sink.StopAsync(CancellationToken.None);

        Assert.Equal((50L, 30L), (fixture.Sent, fixture.Sink.DroppedTotal("test")));
        var sent = receiver.Received.SelectMany(r => r.Points).ToList();
        Assert.Equal(T0 + 3000, sent.Max(p => p.Timestamp));
        Assert.Equal(10, sent.Count(p => p.Timestamp == T0 + 1000));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
