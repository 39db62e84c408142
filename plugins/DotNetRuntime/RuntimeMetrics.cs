using System.Runtime;
using Dashboard.Abstractions;

namespace Dashboard.Plugins.DotNetRuntime;

/// <summary>
/// The runtime's figures that carry no labels, declared as metrics: a collect is <see cref="Refresh"/> and one
/// <see cref="ISampleWriter.Write{T}"/>, which the host turns into one sample per property.
/// </summary>
internal sealed class RuntimeMetrics
{
    /// <summary>The process's exceptions so far, or <see langword="null"/> (nothing written) when not counted.</summary>
    [Metric("dotnet_exceptions_total", Kind = MetricKind.Counter, Help = "Exceptions thrown in the process since the monitor started counting.")]
    public long? Exceptions { get; set; }

    [Metric("dotnet_gc_heap_size_bytes", Unit = "bytes", Help = "Size of the GC heap after the last collection.")]
    public long GcHeapSize { get; private set; }

    [Metric("dotnet_gc_fragmentation_bytes", Unit = "bytes", Help = "Free space inside the GC heap after the last collection.")]
    public long GcFragmentation { get; private set; }

    [Metric("dotnet_gc_committed_bytes", Unit = "bytes", Help = "Memory committed by the GC after the last collection.")]
    public long GcCommitted { get; private set; }

    [Metric("dotnet_gc_available_memory_bytes", Unit = "bytes", Help = "Memory the GC may use (the container limit, if any).")]
    public long GcAvailableMemory { get; private set; }

    [Metric("dotnet_gc_allocated_bytes_total", Kind = MetricKind.Counter, Unit = "bytes", Help = "Bytes allocated on the managed heap.")]
    public long GcAllocated { get; private set; }

    [Metric("dotnet_gc_pause_seconds_total", Kind = MetricKind.Counter, Unit = "seconds", Help = "Time the GC held the process paused.")]
    public TimeSpan GcPause { get; private set; }

    [Metric("dotnet_threadpool_threads", Help = "Thread pool threads.")]
    public int ThreadPoolThreads { get; private set; }

    [Metric("dotnet_threadpool_queue_length", Help = "Work items queued to the thread pool, not yet started.")]
    public long ThreadPoolQueueLength { get; private set; }

    [Metric("dotnet_threadpool_completed_items_total", Kind = MetricKind.Counter, Help = "Work items the thread pool has run.")]
    public long ThreadPoolCompletedItems { get; private set; }

    [Metric("dotnet_monitor_lock_contentions_total", Kind = MetricKind.Counter, Help = "Times a thread waited for a contended lock.")]
    public long LockContentions { get; private set; }

    [Metric("dotnet_timers", Help = "Active timers.")]
    public long Timers { get; private set; }

    [Metric("dotnet_jit_compiled_methods_total", Kind = MetricKind.Counter, Help = "Methods the JIT has compiled.")]
    public long JitCompiledMethods { get; private set; }

    [Metric("dotnet_jit_compiled_il_bytes_total", Kind = MetricKind.Counter, Unit = "bytes", Help = "Bytes of IL the JIT has compiled.")]
    public long JitCompiledIlBytes { get; private set; }

    [Metric("dotnet_jit_compilation_seconds_total", Kind = MetricKind.Counter, Unit = "seconds", Help = "Time spent in the JIT.")]
    public TimeSpan JitCompilationTime { get; private set; }

    [Metric("dotnet_process_cpu_count", Help = "Processors available to the process.")]
    public int ProcessorCount { get; private set; }

    [Metric("dotnet_process_working_set_bytes", Unit = "bytes", Help = "Physical memory mapped to the process.")]
    public long WorkingSet { get; private set; }

    /// <summary>The last collection's figures, for those broken down per generation.</summary>
    public GCMemoryInfo LastGc { get; private set; }

    /// <summary>Reads every figure (but <see cref="Exceptions"/>) for the next write.</summary>
    public void Refresh()
    {
        var lastGc = GC.GetGCMemoryInfo();
        LastGc = lastGc;
        GcHeapSize = lastGc.HeapSizeBytes;
        GcFragmentation = lastGc.FragmentedBytes;
        GcCommitted = lastGc.TotalCommittedBytes;
        GcAvailableMemory = lastGc.TotalAvailableMemoryBytes;
        GcAllocated = GC.GetTotalAllocatedBytes();
        GcPause = GC.GetTotalPauseDuration();
        ThreadPoolThreads = ThreadPool.ThreadCount;
        ThreadPoolQueueLength = ThreadPool.PendingWorkItemCount;
        ThreadPoolCompletedItems = ThreadPool.CompletedWorkItemCount;
        LockContentions = Monitor.LockContentionCount;
        Timers = Timer.ActiveCount;
        JitCompiledMethods = JitInfo.GetCompiledMethodCount();
        JitCompiledIlBytes = JitInfo.GetCompiledILBytes();
        JitCompilationTime = JitInfo.GetCompilationTime();
        ProcessorCount = Environment.ProcessorCount;
        WorkingSet = Environment.WorkingSet;
    }
}
