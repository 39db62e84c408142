using System.Net;
using Dashboard.Core.RemoteWrite;

namespace Dashboard.Core.Tests.RemoteWrite;

public sealed class BackoffTests
{
    [Fact]
    public void Delays_start_at_the_minimum_double_each_retry_and_stop_at_the_maximum()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(200));

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.Next(null).TotalMilliseconds);

        Assert.Equal([30.0, 60, 120, 200, 200, 200], delays);
    }

    [Fact]
    public void A_retry_after_from_the_remote_replaces_the_computed_delay_which_still_grows_behind_it()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(30), TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(7), backoff.Next(TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.FromMilliseconds(60), backoff.Next(null));
        Assert.Equal(TimeSpan.FromMilliseconds(120), backoff.Next(TimeSpan.Zero));
    }

    [Fact]
    public void A_huge_maximum_does_not_overflow()
    {
        var backoff = new Backoff(TimeSpan.FromDays(4000), TimeSpan.MaxValue);

        for (var i = 0; i < 10; i++)
        {
            Assert.True(backoff.Next(null) > TimeSpan.Zero);
        }
    }

    [Theory]
    [InlineData(200, false, "Sent")]
    [InlineData(204, false, "Sent")]
    [InlineData(500, false, "Retry")]
    [InlineData(503, false, "Retry")]
    [InlineData(429, false, "Refused")]
    [InlineData(429, true, "Retry")]
    [InlineData(400, true, "Refused")]
    [InlineData(401, true, "Refused")]
    [InlineData(404, true, "Refused")]
    [InlineData(413, true, "Refused")]
    [InlineData(302, true, "Refused")]
    public void Statuses_are_sorted_as_Prometheus_does(int status, bool retryOn429, string expected)
    {
        var result = SendResult.FromStatus((HttpStatusCode)status, TimeSpan.FromSeconds(1), "body", retryOn429);

        Assert.Equal(expected, result.Kind.ToString());
        Assert.Equal(result.Kind == SendResultKind.Retry ? TimeSpan.FromSeconds(1) : null, result.RetryAfter);
    }
}
