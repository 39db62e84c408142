using Dashboard.Core.Storage;
using Dashboard.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Host.Tests.RemoteWrite;

/// <summary>
/// The real host on real Kestrel (127.0.0.1, port 0) for remote_write: by default no plugins (writes come in), or
/// given test plugins, instances and settings (collects go out).
/// </summary>
internal sealed class ReceiverHost : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly WebApplicationFactory<Program> _factory;

    public ReceiverHost(string? writerKey, int? maxRequestBytes = null, string pluginsJson = """{ "instances": [] }""",
        IReadOnlyDictionary<string, string>? settings = null, params string[] testPlugins)
    {
        var plugins = _folder.Combine("plugins");
        Directory.CreateDirectory(plugins);
        foreach (var plugin in testPlugins)
        {
            TestPaths.CopyPlugin(TestPaths.TestPlugin(plugin), plugins, plugin);
        }

        var config = _folder.Combine("plugins.json");
        File.WriteAllText(config, pluginsJson);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Urls", "http://127.0.0.1:0");
            builder.UseSetting("Dashboard:PluginsPath", plugins);
            builder.UseSetting("Dashboard:PluginsConfigPath", config);
            builder.UseSetting("Dashboard:DataPath", _folder.Combine("data"));
            // API keys, as a real receiver runs: the writer key for senders, an admin key for the tests' own reads.
            builder.UseSetting("Dashboard:Auth:Mode", "ApiKey");
            builder.UseSetting("Dashboard:Auth:AdminApiKey", AdminKey);
            if (writerKey is not null)
            {
                builder.UseSetting("Dashboard:Auth:WriterApiKey", writerKey);
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }

            if (maxRequestBytes is { } max)
            {
                builder.UseSetting("Dashboard:RemoteWrite:Receiver:MaxRequestBytes", max.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        Anonymous = _factory.CreateClient();
        Client = _factory.CreateClient();
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        WriteUrl = new Uri(Client.BaseAddress!, "/api/v1/write");
    }

    /// <summary>A client with the admin key.</summary>
    public HttpClient Client { get; }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>This host's admin key.</summary>
    public string AdminKey { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The receiver's URL on the real listening port, for a Prometheus outside this process.</summary>
    public Uri WriteUrl { get; }

    public TsdbStore Store => _factory.Services.GetRequiredService<TsdbStore>();

    public IServiceProvider Services => _factory.Services;

    public string Folder(string name) => _folder.Combine(name);

    public async Task WaitReadyAsync() =>
        await Eventually.TrueAsync(async () => (await Client.GetAsync("/readyz")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "host ready");

    /// <summary>Stops the host the way a shutdown does (engine stop included), keeping its folder.</summary>
    public async Task StopAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await _factory.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _folder.Dispose();
    }
}
