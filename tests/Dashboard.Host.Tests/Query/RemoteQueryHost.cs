using Dashboard.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Host.Tests.Query;

/// <summary>
/// Our host on real Kestrel (127.0.0.1, port 0) with an empty store, its queries answered from the remote
/// Prometheus-API server at <c>Dashboard:Query:Remote:Url</c>.
/// </summary>
internal sealed class RemoteQueryHost : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly WebApplicationFactory<Program> _factory;

    public RemoteQueryHost(Uri remote)
    {
        File.WriteAllText(_folder.Combine("plugins.json"), "{ \"instances\": [] }");
        Directory.CreateDirectory(_folder.Combine("plugins"));
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Urls", "http://127.0.0.1:0");
            builder.UseSetting("Dashboard:Auth:Mode", "Unsecured");
            builder.UseSetting("Dashboard:PluginsPath", _folder.Combine("plugins"));
            builder.UseSetting("Dashboard:PluginsConfigPath", _folder.Combine("plugins.json"));
            builder.UseSetting("Dashboard:DataPath", _folder.Combine("data"));
            builder.UseSetting("Dashboard:Query:Remote:Url", remote.ToString());
            builder.UseSetting("Dashboard:Query:Remote:Headers:X-Scope-OrgID", "tenant-1");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        Client = _factory.CreateClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }
}
