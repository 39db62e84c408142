using System.Diagnostics;
using Dashboard.Core.Storage;

namespace Dashboard.UI.Live;

/// <summary>
/// The host's vital signs for the overview, read in-process: ingest rate (from the store's append count between two
/// reads at least a second apart), series, store size, memory and uptime. Shared by every open overview.
/// </summary>
/// <param name="store">The embedded store.</param>
/// <param name="time">The clock.</param>
public sealed class HostHealth(TsdbStore store, TimeProvider time)
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);
    private static readonly DateTimeOffset StartedAt = StartTime();
    private readonly Lock _gate = new();
    private (long Timestamp, long Appended)? _previous;
    private (long Timestamp, long Appended)? _current;

    /// <summary>The figures now.</summary>
    /// <returns>A snapshot.</returns>
    public HostHealthSnapshot Read()
    {
        var appended = store.Metrics.AppendedTotal;
        var now = time.GetTimestamp();
        double? rate;
        lock (_gate)
        {
            if (_current is not { } current || time.GetElapsedTime(current.Timestamp, now) >= RateWindow)
            {
                _previous = _current;
                _current = (now, appended);
            }

            rate = _previous is { } from && _current is { } to
                ? (to.Appended - from.Appended) / time.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds
                : null;
        }

        return new HostHealthSnapshot(rate, store.HeadSeries, store.DiskBytes, Environment.WorkingSet,
            GC.GetGCMemoryInfo().HeapSizeBytes, time.GetUtcNow() - StartedAt);
    }

    private static DateTimeOffset StartTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime.ToUniversalTime();
    }
}
