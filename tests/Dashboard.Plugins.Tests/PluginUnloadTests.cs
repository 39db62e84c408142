using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Dashboard.Core.Collection;
using Dashboard.Tests;

namespace Dashboard.Plugins.Tests;

/// <summary>
/// A plugin's collectible load context must be collected once its monitors are retired and the plugin is unloaded:
/// anything left rooted (an event handler, a timer, a cache) leaks the whole plugin on every reload.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class PluginUnloadTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan UnloadWithin = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private X509Certificate2 _certificate = null!;
    private LoopbackServer _http = null!;
    private LoopbackServer _https = null!;

    public async Task InitializeAsync()
    {
        _certificate = LoopbackServer.SelfSignedCertificate(DateTimeOffset.UtcNow.AddDays(30));
        _http = await LoopbackServer.StartAsync(certificate: null, _timeout.Token);
        _https = await LoopbackServer.StartAsync(_certificate, _timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await _http.DisposeAsync();
        await _https.DisposeAsync();
        _certificate.Dispose();
    }

    public void Dispose()
    {
        _timeout.Dispose();
    }

    [Theory]
    [InlineData("System")]
    [InlineData("HttpProbe")]
    [InlineData("DotNetRuntime")]
    public async Task A_retired_monitors_plugin_is_collected_after_the_catalog_is_disposed(string name)
    {
        var context = await LoadCollectRetireAndDisposeCatalogAsync(name, ConfigFor(name), _timeout.Token);

        await AssertCollectedAsync(context, name);
    }

    [Theory]
    [InlineData("System")]
    [InlineData("HttpProbe")]
    [InlineData("DotNetRuntime")]
    public async Task A_retired_monitors_plugin_is_collected_after_its_folder_is_removed_from_a_running_catalog(string name)
    {
        await using var plugin = await PluginHarness.LoadAsync(name, _timeout.Token);
        var context = await CollectAndRetireAsync(plugin, ConfigFor(name), _timeout.Token);

        await plugin.RemovePluginFolderAsync(_timeout.Token);

        Assert.Null(plugin.Catalog.Find(name));
        await AssertCollectedAsync(context, name);
    }

    [Fact]
    public async Task A_plugin_whose_metrics_classes_the_host_compiled_is_collected_after_the_catalog_is_disposed()
    {
        var context = await LoadCollectDeclaredMetricsAndDisposeCatalogAsync(_timeout.Token);

        await AssertCollectedAsync(context, "DotNetRuntime");
    }

    private string ConfigFor(string name) => name switch
    {
        "System" => "{}",

        // Plain http (a fresh, then a pooled connection) and a TLS handshake, which runs the certificate callback.
        "HttpProbe" => JsonSerializer.Serialize(new { targets = new[] { new { url = _http.Url("ok") }, new { url = _https.Url("ok") } } }),
        "DotNetRuntime" => """{ "count_exceptions": true }""",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> LoadCollectRetireAndDisposeCatalogAsync(string name, string config,
        CancellationToken cancellationToken)
    {
        var plugin = await PluginHarness.LoadAsync(name, cancellationToken);
        try
        {
            return await CollectAndRetireAsync(plugin, config, cancellationToken);
        }
        finally
        {
            await plugin.DisposeAsync();
        }
    }

    // The host's cache of compiled metrics classes (and the delegates compiled from expression trees) must not be what
    // keeps the plugin alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> LoadCollectDeclaredMetricsAndDisposeCatalogAsync(CancellationToken cancellationToken)
    {
        var plugin = await PluginHarness.LoadAsync("DotNetRuntime", cancellationToken);
        try
        {
            var monitor = plugin.Configure("{}");
            var samples = await PluginHarness.CollectAsync(monitor, cancellationToken);
            Assert.Contains("dotnet_gc_heap_size_bytes", samples.Metrics);
            var declaring = monitor.GetType().Assembly.GetTypes().Where(MetricClasses.Declares).ToList();
            Assert.Equal(["GenerationMetrics", "RuntimeMetrics"], declaring.Select(t => t.Name).Order());
            Assert.All(declaring, t => Assert.True(MetricClasses.IsCompiled(t), t.Name));
            declaring.Clear();

            var context = new WeakReference(AssemblyLoadContext.GetLoadContext(monitor.GetType().Assembly));
            await plugin.RetireAsync(monitor);
            return context;
        }
        finally
        {
            await plugin.DisposeAsync();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> CollectAndRetireAsync(PluginHarness plugin, string config,
        CancellationToken cancellationToken)
    {
        var monitor = plugin.Configure(config);
        await PluginHarness.CollectAsync(monitor, cancellationToken);
        await PluginHarness.CollectAsync(monitor, cancellationToken);
        var context = new WeakReference(AssemblyLoadContext.GetLoadContext(monitor.GetType().Assembly));
        await plugin.RetireAsync(monitor);
        return context;
    }

    // No help from unrelated JSON work: the catalog itself must clear the runtime's caches (System.Text.Json keeps
    // the metadata of each plugin's config class, bound by MonitorSettings.Bind<T>) when it unloads a plugin.
    private static Task AssertCollectedAsync(WeakReference context, string name) =>
        Eventually.TrueAsync(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return !context.IsAlive;
        }, UnloadWithin, $"the load context of {name} is collected");
}
