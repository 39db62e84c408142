using Dashboard.Core.RemoteWrite;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.RemoteWrite;

/// <summary>The sender against a loopback receiver that answers what Prometheus will not give on demand: 5xx, 429.</summary>
public sealed class RemoteWriteRetryTests
{
    internal const long T0 = 1_714_564_800_000;

    internal static RemoteOptions Remote(Uri url, bool retryOn429 = false) => new()
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

    internal static IEnumerable<(string, string, double)> Samples(int count) =>
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
    public async Task A_stop_gives_up_after_the_flush_timeout_and_counts_what_it_drops()
    {
        using var receiver = new ScriptedReceiver((503, null));
        await using var fixture = new RemoteWriteSinkFixture(Remote(receiver.Url), flushTimeout: TimeSpan.FromMilliseconds(500));

        fixture.Collect(T0, Samples(150));
        await Eventually.TrueAsync(() => receiver.Received.Count >= 2, TimeSpan.FromSeconds(30), "retries under way");
        await fixture.Sink.StopAsync(CancellationToken.None);

        Assert.Equal((0L, 150L, 0L), (fixture.Sent, fixture.Sink.DroppedTotal("test"), fixture.Sink.Pending("test")));
    }
}
