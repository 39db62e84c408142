using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Plugins;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Plugins;

public sealed class PluginCatalogTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2);
    private readonly TempFolder _plugins = new();
    private readonly PluginCatalog _catalog;

    public PluginCatalogTests() =>
        _catalog = new PluginCatalog(_plugins.Path, TimeProvider.System, NullLogger<PluginCatalog>.Instance);

    public void Dispose()
    {
        _catalog.Dispose();
        _plugins.Dispose();
    }

    [Fact]
    public async Task A_plugin_folder_loads_with_its_name_version_and_schema()
    {
        TestPaths.CopyPlugin(TestPaths.TestPlugin("Counting"), _plugins.Path, "Counting");

        await _catalog.StartAsync(CancellationToken.None);

        var info = Assert.Single(_catalog.GetPlugins());
        Assert.Equal(("Counting", PluginState.Loaded, null), (info.Name, info.State, info.Error));
        Assert.Equal("1.0.0", info.Version);
        Assert.EndsWith(Path.Combine("Counting", "Counting.dll"), info.Path, StringComparison.Ordinal);
        Assert.Contains("\"greeting\"", info.ConfigSchema, StringComparison.Ordinal);
        Assert.NotNull(_catalog.Find("Counting"));
    }

    [Fact]
    public async Task The_plugin_file_is_not_held_open()
    {
        var folder = TestPaths.CopyPlugin(TestPaths.TestPlugin("Counting"), _plugins.Path, "Counting");

        await _catalog.StartAsync(CancellationToken.None);

        var dll = Path.Combine(folder, "Counting.dll");
        var open = Directory.GetFiles("/proc/self/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Where(target => target == dll);
        Assert.Empty(open);
    }

    [Fact]
    public async Task A_folder_dropped_in_at_run_time_loads_replacing_it_reloads_and_the_old_context_is_collected()
    {
        await _catalog.StartAsync(CancellationToken.None);
        TestPaths.CopyPlugin(TestPaths.TestPlugin("Counting"), _plugins.Path, "Counting");
        var first = await Eventually.ReturnsAsync(() => _catalog.Find("Counting"), Within, "the dropped plugin loads");
        var oldContext = ContextOf(first);
        Assert.Equal("1", await GenerationOfAsync(first));
        first = null;

        TestPaths.CopyPlugin(TestPaths.TestPlugin("CountingV2"), _plugins.Path, "Counting");

        var second = await Eventually.ReturnsAsync(() => _catalog.Find("Counting") is { Version: "2.0.0" } t ? t : null,
            Within, "the replaced plugin reloads");
        Assert.Equal("2", await GenerationOfAsync(second));
        await Eventually.TrueAsync(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return !oldContext.IsAlive;
        }, TimeSpan.FromSeconds(10), "the old load context is collected");
    }

    [Fact]
    public async Task Deleting_the_folder_unloads_the_plugin_and_says_why()
    {
        var folder = TestPaths.CopyPlugin(TestPaths.TestPlugin("Counting"), _plugins.Path, "Counting");
        await _catalog.StartAsync(CancellationToken.None);

        Directory.Delete(folder, recursive: true);

        await Eventually.TrueAsync(() => _catalog.Find("Counting") is null, Within, "the plugin unloads");
        var info = Assert.Single(_catalog.GetPlugins());
        Assert.Equal(("Counting", PluginState.Unloaded, "its folder was removed"), (info.Name, info.State, info.Error));
    }

    [Fact]
    public async Task Two_plugins_with_different_versions_of_one_package_each_get_their_own()
    {
        TestPaths.CopyPlugin(TestPaths.TestPlugin("HumanizerOld"), _plugins.Path, "HumanizerOld");
        TestPaths.CopyPlugin(TestPaths.TestPlugin("HumanizerNew"), _plugins.Path, "HumanizerNew");

        await _catalog.StartAsync(CancellationToken.None);

        var old = await CollectOnceAsync(_catalog.Find("HumanizerOld")!);
        var @new = await CollectOnceAsync(_catalog.Find("HumanizerNew")!);
        Assert.Equal("2.8.0.0", Label(old, "assembly_version"));
        Assert.StartsWith("2.14.", Label(@new, "assembly_version"), StringComparison.Ordinal);
        Assert.Equal("Plugin dependency check", Label(old, "words"));
        Assert.Equal("Plugin dependency check", Label(@new, "words"));
    }

    [Theory]
    [InlineData("Incompatible", "built against Dashboard.Abstractions 2.0.0, but this host provides 1.1.0; the major versions must match")]
    [InlineData("BadMetrics", "Metrics class BadMetrics.QueueMetrics is declared wrongly: QueueMetrics.Processed: counter 'queue_processed' must end in _total")]
    [InlineData("NoMonitor", "NoMonitor has no public, non-abstract class implementing IMonitor")]
    [InlineData("CtorThrows", "monitor class CtorThrows.CtorThrowsMonitor: its constructor, Name or ConfigSchema threw InvalidOperationException: missing license file")]
    [InlineData("BadSchema", "monitor 'BadSchema' (BadSchema.BadSchemaMonitor): its config schema is not valid JSON Schema: schema.properties.port.type")]
    public async Task A_plugin_that_cannot_work_fails_with_the_cause_and_the_others_load(string folder, string cause)
    {
        TestPaths.CopyPlugin(TestPaths.TestPlugin(folder), _plugins.Path, folder);
        TestPaths.CopyPlugin(TestPaths.TestPlugin("Counting"), _plugins.Path, "Counting");

        await _catalog.StartAsync(CancellationToken.None);

        var failed = Assert.Single(_catalog.GetPlugins(), p => p.State == PluginState.Failed);
        Assert.Equal(folder, failed.Name);
        Assert.StartsWith($"Plugin folder '{folder}' failed to load: ", failed.Error, StringComparison.Ordinal);
        Assert.Contains(cause, failed.Error, StringComparison.Ordinal);
        Assert.NotNull(_catalog.Find("Counting"));
    }

    [Fact]
    public async Task A_plugin_built_against_the_previous_minor_version_of_the_contract_loads_and_collects()
    {
        TestPaths.CopyPlugin(TestPaths.TestPlugin("PreviousMinor"), _plugins.Path, "PreviousMinor");

        await _catalog.StartAsync(CancellationToken.None);

        var info = Assert.Single(_catalog.GetPlugins());
        Assert.Equal(("PreviousMinor", PluginState.Loaded, null), (info.Name, info.State, info.Error));
        Assert.Equal(new Version(1, 1), new Version(PluginAssemblyInspector.HostAbstractionsVersion.Major, PluginAssemblyInspector.HostAbstractionsVersion.Minor));
        var referenced = _catalog.Find("PreviousMinor")!.Create().GetType().Assembly.GetReferencedAssemblies()
            .Single(a => a.Name == "Dashboard.Abstractions");
        Assert.Equal(new Version(1, 0, 0, 0), referenced.Version);
        Assert.Empty(await CollectOnceAsync(_catalog.Find("PreviousMinor")!));
    }

    [Fact]
    public async Task A_file_that_is_not_an_assembly_a_native_library_and_an_empty_folder_fail_clearly()
    {
        Directory.CreateDirectory(_plugins.Combine("Text"));
        await File.WriteAllTextAsync(_plugins.Combine("Text", "Text.dll"), "this is not a dll");
        Directory.CreateDirectory(_plugins.Combine("Native"));
        File.Copy(NativeLibrary(), _plugins.Combine("Native", "Native.dll"));
        Directory.CreateDirectory(_plugins.Combine("Empty"));

        await _catalog.StartAsync(CancellationToken.None);

        var errors = _catalog.GetPlugins().ToDictionary(p => p.Name, p => (p.State, p.Error));
        Assert.Equal(PluginState.Failed, errors["Text"].State);
        Assert.Contains("it is not a .NET assembly", errors["Text"].Error, StringComparison.Ordinal);
        Assert.Contains("it is a native library, not a .NET assembly", errors["Native"].Error, StringComparison.Ordinal);
        Assert.Contains("it holds no Empty.dll", errors["Empty"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_plugins_of_the_same_name_the_second_is_refused_naming_the_first()
    {
        TestPaths.CopyPlugin(TestPaths.TestPlugin("Counting"), _plugins.Path, "A-Counting");
        TestPaths.CopyPlugin(TestPaths.TestPlugin("Counting"), _plugins.Path, "B-Counting");

        await _catalog.StartAsync(CancellationToken.None);

        var plugins = _catalog.GetPlugins();
        Assert.Single(plugins, p => p.State == PluginState.Loaded && p.Path.Contains("A-Counting", StringComparison.Ordinal));
        var refused = Assert.Single(plugins, p => p.State == PluginState.Failed);
        Assert.Contains("a monitor named 'Counting', but one of that name is already loaded from", refused.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("A-Counting", "Counting.dll"), refused.Error, StringComparison.Ordinal);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ContextOf(MonitorType type)
    {
        var monitor = type.Create();
        return new WeakReference(AssemblyLoadContext.GetLoadContext(monitor.GetType().Assembly));
    }

    private static async Task<string> GenerationOfAsync(MonitorType type) =>
        Label(await CollectOnceAsync(type), "generation");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<IReadOnlyList<Label>> CollectOnceAsync(MonitorType type)
    {
        var monitor = type.Create();
        monitor.Configure(new MonitorSettings("t", new Dictionary<string, string>(),
            JsonDocument.Parse("""{ "greeting": "hi" }""").RootElement, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        var writer = new InstanceSampleWriter("t", new SeriesTable(new Dictionary<string, string>(), 100));
        writer.Begin(DateTimeOffset.UtcNow);
        await monitor.CollectAsync(writer, CancellationToken.None);
        var batch = writer.Complete();
        var labels = batch.Samples.ToArray().Last().Series.Labels;
        batch.Release();
        return [.. labels];
    }

    private static string Label(IReadOnlyList<Label> labels, string name) => labels.Single(l => l.Name == name).Value;

    private static string NativeLibrary() =>
        new[] { "/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/aarch64-linux-gnu/libz.so.1" }
            .First(File.Exists);
}
