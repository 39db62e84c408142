using Dashboard.Core.Storage;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Bench.Harness.Ours;

/// <summary>
/// Our store as the host builds it (system clock, its own meters, the default settings unless a benchmark says
/// otherwise), with the meters disposed alongside it.
/// </summary>
internal sealed class BenchStore : IDisposable
{
    private readonly TestMeterFactory _meters = new();
    private readonly StorageMetrics _metrics;

    public BenchStore(string path, TimeSpan? blockDuration = null)
    {
        Options = new StorageOptions { Path = path };
        if (blockDuration is { } duration)
        {
            Options.BlockDuration = duration;
        }

        _metrics = new StorageMetrics(_meters);
        Store = new TsdbStore(Options, TimeProvider.System, _metrics, NullLogger<TsdbStore>.Instance);
    }

    public StorageOptions Options { get; }

    public TsdbStore Store { get; }

    /// <summary>The folder of the blocks, the only part a block-to-block comparison weighs.</summary>
    public string BlocksPath => System.IO.Path.Combine(Options.Path, "blocks");

    public void Dispose()
    {
        Store.Dispose();
        _metrics.Dispose();
        _meters.Dispose();
    }
}
