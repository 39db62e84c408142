using Dashboard.Core.Hosting;
using Dashboard.Core.Query.Evaluation;
using Dashboard.Core.Query.Remote;
using Dashboard.Host.Query;
using Dashboard.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Tests.Query;

/// <summary><c>AddQuerySource</c>: the embedded store by default, the remote source when its URL is set, bad settings refused at start.</summary>
public sealed class QuerySourceWiringTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Without_a_remote_url_queries_read_the_embedded_store()
    {
        using var host = Build(new() { ["Dashboard:Query:Remote:Url"] = " " });

        Assert.IsType<StoreSeriesSource>(host.Services.GetRequiredService<ISeriesSource>());
    }

    [Fact]
    public void With_a_remote_url_queries_read_the_remote_whichever_registration_comes_first()
    {
        using var host = Build(new()
        {
            ["Dashboard:Query:Remote:Url"] = "http://prometheus.example:9090/prefix",
            ["Dashboard:Query:Remote:BearerToken"] = "secret",
            ["Dashboard:Query:Remote:Headers:X-Scope-OrgID"] = "tenant-1",
        }, sourceFirst: true);

        var source = Assert.IsType<PrometheusRemoteSource>(host.Services.GetRequiredService<ISeriesSource>());
        Assert.Equal("http://prometheus.example:9090/prefix", source.DisplayUrl);
        Assert.Single(host.Services.GetServices<ISeriesSource>());
    }

    [Theory]
    [InlineData("prometheus:9090", "Dashboard:Query:Remote:Url must be an absolute http or https URL")]
    [InlineData("http://reader:hunter2@prometheus:9090", "Dashboard:Query:Remote:Url must not carry credentials")]
    public async Task A_bad_remote_url_stops_the_start_with_the_key_and_the_reason(string url, string expected)
    {
        using var host = Build(new() { ["Dashboard:Query:Remote:Url"] = url });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private IHost Build(Dictionary<string, string?> settings, bool sourceFirst = false)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = _folder.Path,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dashboard:DataPath"] = _folder.Combine("data"),
            ["Dashboard:PluginsPath"] = _folder.Combine("plugins"),
            ["Dashboard:PluginsConfigPath"] = _folder.Combine("plugins.json"),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        if (sourceFirst)
        {
            builder.Services.AddQuerySource(builder.Configuration);
            builder.Services.AddDashboardCore(builder.Configuration);
        }
        else
        {
            builder.Services.AddDashboardCore(builder.Configuration);
            builder.Services.AddQuerySource(builder.Configuration);
        }

        return builder.Build();
    }
}
