using Dashboard.Core.RemoteWrite;

namespace Dashboard.Core.Tests.RemoteWrite;

public sealed class RemoteWriteOptionsValidatorTests
{
    [Fact]
    public void Every_problem_is_reported_at_once_with_its_key()
    {
        var options = new RemoteWriteOptions();
        options.Remotes.Add(new RemoteOptions { Name = "a", Url = new Uri("http://127.0.0.1:9090/api/v1/write") });
        var bad = new RemoteOptions
        {
            Name = "a",
            Url = new Uri("ftp://example/"),
            BearerToken = "t",
            BasicAuth = new BasicAuthOptions { Username = "u" },
            Shards = 0,
            MaxSamplesPerSend = 0,
            MinBackoff = TimeSpan.FromSeconds(10),
            MaxBackoff = TimeSpan.FromSeconds(1),
        };
        bad.Headers["Authorization"] = "x";
        options.Remotes.Add(bad);

        var result = new RemoteWriteOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Dashboard:RemoteWrite:Remotes:1:Name 'a' is used", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:RemoteWrite:Remotes:1:Url", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("BearerToken or BasicAuth", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:RemoteWrite:Remotes:1:Headers:Authorization", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:RemoteWrite:Remotes:1:Shards", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:RemoteWrite:Remotes:1:MaxSamplesPerSend", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:RemoteWrite:Remotes:1:MaxBackoff", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("Remotes:0", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_valid_and_follow_Prometheus_2_42()
    {
        var remote = new RemoteOptions { Name = "p", Url = new Uri("http://127.0.0.1:9090/api/v1/write") };
        var options = new RemoteWriteOptions();
        options.Remotes.Add(remote);

        Assert.True(new RemoteWriteOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal((2500, 500, 5.0, 30.0, 5.0, 30.0, false),
            (remote.Capacity, remote.MaxSamplesPerSend, remote.BatchSendDeadline.TotalSeconds, remote.MinBackoff.TotalMilliseconds,
             remote.MaxBackoff.TotalSeconds, remote.RemoteTimeout.TotalSeconds, remote.RetryOnHttp429));
    }
}
