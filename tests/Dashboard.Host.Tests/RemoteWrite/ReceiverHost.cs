using Dashboard.Core.Storage;
using Dashboard.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Host.Tests.RemoteWrite;

/// <summary>The real host on real Kestrel (127.0.0.1, port 0) with no plugins, for remote_write into its store.</summary>
internal sealed class ReceiverHost : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly WebApplicationFactory<Program> _factory;

    public ReceiverHost(string? writerKey, int? maxRequestBytes = null)
    {
        var plugins = _folder.Combine("plugins");
        Directory.CreateDirectory(plugins);
        var config = _folder.Combine("plugins.json");
        File.WriteAllText(config, """{ "instances": [] }""");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Urls", "http://127.0.0.1:0");
            builder.UseSetting("Dashboard:PluginsPath", plugins);
            builder.UseSetting("Dashboard:PluginsConfigPath", config);
            builder.UseSetting("Dashboard:DataPath", _folder.Combine("data"));
            if (writerKey is not null)
            {
                builder.UseSetting("Dashboard:Auth:WriterApiKey", writerKey);
            }

            if (maxRequestBytes is { } max)
            {
                builder.UseSetting("Dashboard:RemoteWrite:Receiver:MaxRequestBytes", max.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        Client = _factory.CreateClient();
        WriteUrl = new Uri(Client.BaseAddress!, "/api/v1/write");
    }

    public HttpClient Client { get; }

    /// <summary>The receiver's URL on the real listening port, for a Prometheus outside this process.</summary>
    public Uri WriteUrl { get; }

    public TsdbStore Store => _factory.Services.GetRequiredService<TsdbStore>();

    public string Folder(string name) => _folder.Combine(name);

    public async Task WaitReadyAsync() =>
        await Eventually.TrueAsync(async () => (await Client.GetAsync("/readyz")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "host ready");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }
}
