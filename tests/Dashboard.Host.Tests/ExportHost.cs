using Dashboard.Abstractions;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Head;
using Dashboard.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Host.Tests;

/// <summary>
/// A host with no plugins whose store holds known samples, put in through the store itself; downloads land in a
/// scratch folder.
/// </summary>
public abstract class ExportHost : IAsyncLifetime
{
    /// <summary>2024-05-01T12:00:00Z.</summary>
    public const long T0 = 1_714_564_800_000;

    private readonly string _downloads = Path.Combine(Path.GetTempPath(), "dashboard-tests", Guid.NewGuid().ToString("N"));
    private DashboardHost _host = null!;

    internal DashboardHost Host => _host;

    internal HttpClient Client => _host.Client;

    internal TsdbStore Store => _host.Services.GetRequiredService<TsdbStore>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_downloads);
        _host = DashboardHost.Start("""{ "instances": [] }""");
        await Eventually.TrueAsync(() => Store.IsOpen, TimeSpan.FromSeconds(10), "the store opens");
        Seed();

        // Appends past 1.5 block durations start head cuts in the background; they finish here, before any export,
        // so that what a test reads does not depend on a cut racing its query.
        await Store.RunMaintenanceAsync();
    }

    /// <summary>Puts the test's samples in.</summary>
    protected abstract void Seed();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_downloads, recursive: true);
    }

    /// <summary>Labels sorted by name, as the store takes them; <c>__name__</c> sorts first.</summary>
    internal static Label[] Labels(string metric, params (string Name, string Value)[] labels) =>
        [new("__name__", metric), .. labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => new Label(l.Name, l.Value))];

    internal void Append(Label[] labels, long timestamp, double value)
    {
        var outcome = Store.Append(labels, timestamp, value);
        Assert.True(outcome == AppendOutcome.Appended, $"appending {timestamp} to {string.Join(',', labels)}: {outcome}");
    }

    internal void Append(ExportedSeries series)
    {
        foreach (var (timestamp, value) in series.Samples)
        {
            Append(series.Labels, timestamp, value);
        }
    }

    /// <summary>Downloads a URL to a scratch file and returns the response's status, headers and the path.</summary>
    internal async Task<(HttpResponseMessage Response, string Path)> DownloadAsync(string url)
    {
        var path = Path.Combine(_downloads, Guid.NewGuid().ToString("N"));
        var response = await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        await using (var file = File.Create(path))
        {
            await response.Content.CopyToAsync(file);
        }

        return (response, path);
    }

    internal string ScratchFile() => Path.Combine(_downloads, Guid.NewGuid().ToString("N"));
}
