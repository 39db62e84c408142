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

    private readonly RuntimeMetrics _metrics = new();
    private readonly GenerationMetrics _generation = new();
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

        _metrics.Refresh();
        _metrics.Exceptions = _countingExceptions ? Interlocked.Read(ref _exceptions) : null;
        writer.Write(_metrics);

        if (_includeGcGenerations)
        {
            WriteGenerations(writer);
        }

        var cpu = Environment.CpuUsage;
        writer.Counter("dotnet_process_cpu_seconds_total", [new("mode", "user")], cpu.UserTime.TotalSeconds);
        writer.Counter("dotnet_process_cpu_seconds_total", [new("mode", "system")], cpu.PrivilegedTime.TotalSeconds);
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

    private void WriteGenerations(ISampleWriter writer)
    {
        var heaps = _metrics.LastGc.GenerationInfo;
        for (var generation = 0; generation < HeapGenerations.Length; generation++)
        {
            // CollectionCount(n) also counts the collections of older generations, which collect n too; subtracting
            // the next generation's count gives collections *of* each generation, which sum to the total.
            _generation.Collections = generation < CollectedGenerations
                ? GC.CollectionCount(generation) - (generation + 1 < CollectedGenerations ? GC.CollectionCount(generation + 1) : 0)
                : null;
            _generation.SizeAfter = generation < heaps.Length ? heaps[generation].SizeAfterBytes : null;
            writer.Write(_generation, [new("generation", HeapGenerations[generation])]);
        }
    }

    private void OnFirstChanceException(object? sender, FirstChanceExceptionEventArgs e) =>
        Interlocked.Increment(ref _exceptions);
}
