using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Host.Tests;

/// <summary>The real host on real Kestrel (127.0.0.1, port 0), with its own plugins folder, plugins.json and data.</summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly WebApplicationFactory<Program> _factory;

    private DashboardHost(string pluginsJson, IEnumerable<string> testPlugins, IReadOnlyDictionary<string, string>? settings = null,
        Action<IWebHostBuilder>? configure = null, string? bearer = null)
    {
        PluginsPath = _folder.Combine("plugins");
        ConfigPath = _folder.Combine("plugins.json");
        Directory.CreateDirectory(PluginsPath);
        foreach (var plugin in testPlugins)
        {
            AddPlugin(plugin);
        }

        File.WriteAllText(ConfigPath, pluginsJson);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Urls", "http://127.0.0.1:0");
            builder.UseSetting("Dashboard:PluginsPath", PluginsPath);
            builder.UseSetting("Dashboard:PluginsConfigPath", ConfigPath);
            builder.UseSetting("Dashboard:DataPath", _folder.Combine("data"));
            builder.UseSetting("Dashboard:Collection:MaxSeriesPerInstance", "10000");
            // Loopback only, so the tests of other areas need no sign-in; the security tests set their own mode.
            builder.UseSetting("Dashboard:Auth:Mode", "Unsecured");
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }

            configure?.Invoke(builder);
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        Client = CreateClient(bearer);
        Anonymous = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Client.BaseAddress };
    }

    public string PluginsPath { get; }

    public string ConfigPath { get; }

    /// <summary>The host's data folder (store, config history, audit log).</summary>
    public string DataPath => _folder.Combine("data");

    public HttpClient Client { get; }

    /// <summary>A client that sends no credentials, follows no redirect and keeps no cookie, for the security tests.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>The host's services (the store, for tests that put samples in directly).</summary>
    public IServiceProvider Services => _factory.Services;

    public static DashboardHost Start(string pluginsJson, params string[] testPlugins) => new(pluginsJson, testPlugins);

    /// <summary>Starts a host with configuration settings of its own on top of the test defaults.</summary>
    public static DashboardHost Start(IReadOnlyDictionary<string, string> settings, string pluginsJson, params string[] testPlugins) =>
        new(pluginsJson, testPlugins, settings);

    /// <summary>Starts a host with settings of its own and a last say on its builder (logging providers, services).</summary>
    public static DashboardHost Start(IReadOnlyDictionary<string, string> settings, Action<IWebHostBuilder> configure, string pluginsJson) =>
        new(pluginsJson, [], settings, configure);

    /// <summary>
    /// Starts a host with settings of its own whose <see cref="Client"/> sends <c>Authorization: Bearer <paramref name="bearer"/></c>
    /// (for a host in <c>Dashboard:Auth:Mode=ApiKey</c>).
    /// </summary>
    public static DashboardHost StartAuthenticated(IReadOnlyDictionary<string, string> settings, string bearer, string pluginsJson,
        params string[] testPlugins) => new(pluginsJson, testPlugins, settings, bearer: bearer);

    /// <summary>Another client of the host, sending <paramref name="bearer"/> when given.</summary>
    public HttpClient CreateClient(string? bearer = null)
    {
        var client = _factory.CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>The address Kestrel listens on.</summary>
    public Uri Address => Client.BaseAddress!;

    public void AddPlugin(string name) => TestPaths.CopyPlugin(TestPaths.TestPlugin(name), PluginsPath, name);

    public Task<JsonElement> GetAsync(string path) => Client.GetFromJsonAsync<JsonElement>(path);

    public async Task<JsonElement> InstanceAsync(string id) => await GetAsync($"/api/instances/{id}");

    /// <summary>Waits until the instance satisfies <paramref name="condition"/>, returning its last state either way in the failure.</summary>
    public async Task<JsonElement> InstanceWhenAsync(string id, Func<JsonElement, bool> condition, string what, double seconds = 10)
    {
        var last = default(JsonElement);
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                // Not configured yet (404) counts as "not yet": the watcher has not picked the edit up.
                using var response = await Client.GetAsync($"/api/instances/{id}");
                return response.IsSuccessStatusCode
                    && condition(last = await response.Content.ReadFromJsonAsync<JsonElement>());
            }, TimeSpan.FromSeconds(seconds), what);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; last state: {last}", ex);
        }

        return last;
    }

    public Task WriteConfigAsync(string json) => File.WriteAllTextAsync(ConfigPath, json);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }
}
