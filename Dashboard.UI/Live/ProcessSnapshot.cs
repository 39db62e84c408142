using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Dashboard.UI.Live;

/// <summary>The host process at one time: identity, CPU, memory, garbage collector, threads.</summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="Runtime">The .NET runtime, e.g. ".NET 10.0.0".</param>
/// <param name="OperatingSystem">The OS and architecture.</param>
/// <param name="Processors">Processors the runtime may use.</param>
/// <param name="Uptime">Time since the process started.</param>
/// <param name="CpuTime">CPU time used (user and system).</param>
/// <param name="WorkingSetBytes">Resident memory.</param>
/// <param name="GcHeapBytes">The managed heap after the last collection.</param>
/// <param name="GcCommittedBytes">Memory the collector has committed.</param>
/// <param name="GenerationBytes">Size of generations 0, 1, 2, the large and the pinned object heap after the last collection.</param>
/// <param name="Collections">Collections of generations 0, 1 and 2 so far.</param>
/// <param name="AllocatedBytes">Bytes allocated since the start.</param>
/// <param name="GcPauseTime">Total time paused by the collector.</param>
/// <param name="GcMode">"server" or "workstation", and "concurrent" when background collections are on.</param>
/// <param name="Threads">The process's threads.</param>
/// <param name="PoolThreads">Thread pool threads.</param>
/// <param name="PoolQueued">Work items waiting in the thread pool.</param>
/// <param name="PoolCompleted">Work items the thread pool has completed.</param>
public sealed record ProcessSnapshot(
    int ProcessId,
    string Runtime,
    string OperatingSystem,
    int Processors,
    TimeSpan Uptime,
    TimeSpan CpuTime,
    long WorkingSetBytes,
    long GcHeapBytes,
    long GcCommittedBytes,
    IReadOnlyList<long> GenerationBytes,
    IReadOnlyList<int> Collections,
    long AllocatedBytes,
    TimeSpan GcPauseTime,
    string GcMode,
    int Threads,
    int PoolThreads,
    long PoolQueued,
    long PoolCompleted)
{
    /// <summary>The generation names, in the order of <see cref="GenerationBytes"/>.</summary>
    public static IReadOnlyList<string> GenerationNames { get; } = ["gen 0", "gen 1", "gen 2", "large objects", "pinned objects"];

    /// <summary>Reads the current process.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>A snapshot.</returns>
    public static ProcessSnapshot Read(DateTimeOffset now)
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        var mode = (GCSettings.IsServerGC ? "server" : "workstation") +
            (GCSettings.LatencyMode != GCLatencyMode.Batch ? ", concurrent" : "");
        return new ProcessSnapshot(
            Environment.ProcessId,
            RuntimeInformation.FrameworkDescription,
            $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
            Environment.ProcessorCount,
            now - process.StartTime.ToUniversalTime(),
            process.TotalProcessorTime,
            process.WorkingSet64,
            gc.HeapSizeBytes,
            gc.TotalCommittedBytes,
            [.. gc.GenerationInfo.ToArray().Select(g => g.SizeAfterBytes)],
            [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)],
            GC.GetTotalAllocatedBytes(),
            GC.GetTotalPauseDuration(),
            mode,
            process.Threads.Count,
            ThreadPool.ThreadCount,
            ThreadPool.PendingWorkItemCount,
            ThreadPool.CompletedWorkItemCount);
    }
}
