using Dashboard.Core.Query.Remote;
using Dashboard.Core.RemoteWrite;

namespace Dashboard.Core.Tests.Query.Remote;

public sealed class PrometheusRemoteSourceOptionsValidatorTests
{
    private readonly PrometheusRemoteSourceOptionsValidator _validator = new();

    [Theory]
    [InlineData("http://prometheus:9090")]
    [InlineData("https://mimir.example/prometheus/")]
    public void A_plain_http_or_https_base_is_valid(string url)
    {
        var result = _validator.Validate(null, new PrometheusRemoteSourceOptions { Url = new Uri(url) });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("prometheus:9090/x", "Dashboard:Query:Remote:Url must be an absolute http or https URL")]
    [InlineData("ftp://prometheus/", "Dashboard:Query:Remote:Url must be an absolute http or https URL")]
    [InlineData("http://reader:s3cret@prometheus:9090/", "Dashboard:Query:Remote:Url must not carry credentials")]
    [InlineData("http://prometheus:9090/?tenant=1", "Dashboard:Query:Remote:Url must not have a query or fragment")]
    public void A_bad_url_is_refused_without_echoing_it(string url, string expected)
    {
        var result = _validator.Validate(null, new PrometheusRemoteSourceOptions { Url = new Uri(url, UriKind.RelativeOrAbsolute) });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new PrometheusRemoteSourceOptions
        {
            Url = null,
            BearerToken = "t",
            BasicAuth = new BasicAuthOptions { Username = "", Password = "p" },
            Timeout = TimeSpan.Zero,
        };
        options.Headers["authorization"] = "Bearer sneaky";

        var failures = _validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(5, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Query:Remote:Url ", StringComparison.Ordinal));
        Assert.Contains("Dashboard:Query:Remote: set BearerToken or BasicAuth, not both.", failures);
        Assert.Contains("Dashboard:Query:Remote:BasicAuth:Username is required with BasicAuth.", failures);
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Query:Remote:Headers:authorization is set by the source itself", StringComparison.Ordinal));
        Assert.Contains("Dashboard:Query:Remote:Timeout must be positive (was 00:00:00).", failures);
    }

    [Fact]
    public void The_source_refuses_invalid_settings_too()
    {
        using var http = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => new PrometheusRemoteSource(http, new PrometheusRemoteSourceOptions()));

        Assert.Contains("Dashboard:Query:Remote:Url must be an absolute http or https URL", error.Message, StringComparison.Ordinal);
    }
}
