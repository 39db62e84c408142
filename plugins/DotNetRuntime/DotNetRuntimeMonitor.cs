using System.Runtime;
using System.Runtime.ExceptionServices;
using Dashboard.Abstractions;

namespace Dashboard.Plugins.DotNetRuntime;

/// <summary>
/// GC, thread pool, JIT, lock, exception and process figures of the host's own runtime, read by polling in-process
/// APIs at each collect: no event listener, thread or timer outlives the monitor.
/// </summary>
public sealed class DotNetRuntimeMonitor : IMonitor, IDisposable
{
    // Labels of GCMemoryInfo.GenerationInfo, in its order; the names follow the runtime's own dotnet.gc metrics.
    private static readonly string[] HeapGenerations = ["gen0", "gen1", "gen2", "loh", "poh"];

    // GC.CollectionCount covers the generations that can be collected on their own.
    private const int CollectedGenerations = 3;

    private bool _includeGcGenerations = true;
    private bool _countingExceptions;
    private long _exceptions;

    /// <inheritdoc />
    public string Name => "DotNetRuntime";

    /// <inheritdoc />
    public string ConfigSchema => """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "properties": {
            "include_gc_generations": {
              "description": "Also break GC collections and heap size down per generation.",
              "type": "boolean",
              "default": true
            },
            "count_exceptions": {
              "description": "Count exceptions thrown in the process (dotnet_exceptions_total), at the cost of a handler call per exception.",
              "type": "boolean",
              "default": true
            }
          }
        }
        """;

    /// <inheritdoc />
    public void Configure(MonitorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = settings.Bind<DotNetRuntimeConfig>();
        _includeGcGenerations = config.IncludeGcGenerations;

        // The runtime keeps no public running count of exceptions, so count them from here on. The count restarts
        // with each new monitor (a reload), which a counter is allowed to do.
        if (config.CountExceptions && !_countingExceptions)
        {
            AppDomain.CurrentDomain.FirstChanceException += OnFirstChanceException;
            _countingExceptions = true;
        }
    }

    /// <inheritdoc />
    public ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);

        // Every figure is a field read or a cheap runtime call: nothing here is worth going asynchronous for.
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        WriteGc(writer);
        WriteThreading(writer);
        WriteJit(writer);
        WriteProcess(writer);

        if (_countingExceptions)
        {
            writer.Counter("dotnet_exceptions_total", Interlocked.Read(ref _exceptions));
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The runtime's event would otherwise keep this object, and with it the plugin's load context, alive.
        if (_countingExceptions)
        {
            AppDomain.CurrentDomain.FirstChanceException -= OnFirstChanceException;
            _countingExceptions = false;
        }
    }

    private void WriteGc(ISampleWriter writer)
    {
        var lastGc = GC.GetGCMemoryInfo();
        writer.Gauge("dotnet_gc_heap_size_bytes", lastGc.HeapSizeBytes);
        writer.Gauge("dotnet_gc_fragmentation_bytes", lastGc.FragmentedBytes);
        writer.Gauge("dotnet_gc_committed_bytes", lastGc.TotalCommittedBytes);
        writer.Gauge("dotnet_gc_available_memory_bytes", lastGc.TotalAvailableMemoryBytes);
        writer.Counter("dotnet_gc_allocated_bytes_total", GC.GetTotalAllocatedBytes());
        writer.Counter("dotnet_gc_pause_seconds_total", GC.GetTotalPauseDuration().TotalSeconds);

        if (!_includeGcGenerations)
        {
            return;
        }

        // CollectionCount(n) also counts the collections of older generations, which collect n too; subtracting
        // the next generation's count gives collections *of* each generation, which sum to the total.
        for (var generation = 0; generation < CollectedGenerations; generation++)
        {
            var collections = GC.CollectionCount(generation);
            if (generation + 1 < CollectedGenerations)
            {
                collections -= GC.CollectionCount(generation + 1);
            }

            writer.Counter("dotnet_gc_collections_total", [new("generation", HeapGenerations[generation])],
                collections);
        }

        var generations = lastGc.GenerationInfo;
        for (var generation = 0; generation < generations.Length && generation < HeapGenerations.Length; generation++)
        {
            writer.Gauge("dotnet_gc_generation_size_bytes", [new("generation", HeapGenerations[generation])],
                generations[generation].SizeAfterBytes);
        }
    }

    private static void WriteThreading(ISampleWriter writer)
    {
        writer.Gauge("dotnet_threadpool_threads", ThreadPool.ThreadCount);
        writer.Gauge("dotnet_threadpool_queue_length", ThreadPool.PendingWorkItemCount);
        writer.Counter("dotnet_threadpool_completed_items_total", ThreadPool.CompletedWorkItemCount);
        writer.Counter("dotnet_monitor_lock_contentions_total", Monitor.LockContentionCount);
        writer.Gauge("dotnet_timers", Timer.ActiveCount);
    }

    private static void WriteJit(ISampleWriter writer)
    {
        writer.Counter("dotnet_jit_compiled_methods_total", JitInfo.GetCompiledMethodCount());
        writer.Counter("dotnet_jit_compiled_il_bytes_total", JitInfo.GetCompiledILBytes());
        writer.Counter("dotnet_jit_compilation_seconds_total", JitInfo.GetCompilationTime().TotalSeconds);
    }

    private static void WriteProcess(ISampleWriter writer)
    {
        var cpu = Environment.CpuUsage;
        writer.Counter("dotnet_process_cpu_seconds_total", [new("mode", "user")], cpu.UserTime.TotalSeconds);
        writer.Counter("dotnet_process_cpu_seconds_total", [new("mode", "system")], cpu.PrivilegedTime.TotalSeconds);
        writer.Gauge("dotnet_process_cpu_count", Environment.ProcessorCount);
        writer.Gauge("dotnet_process_working_set_bytes", Environment.WorkingSet);
    }

    private void OnFirstChanceException(object? sender, FirstChanceExceptionEventArgs e) =>
        Interlocked.Increment(ref _exceptions);
}
