using Dashboard.Abstractions;

namespace Dashboard.Plugins.DotNetRuntime;

/// <summary>
/// The figures of one GC generation, written once per generation with its <c>generation</c> label. Either may be
/// missing: the large and pinned object heaps are not collected on their own, and an old runtime may report fewer heaps.
/// </summary>
internal sealed class GenerationMetrics
{
    [Metric("dotnet_gc_collections_total", Kind = MetricKind.Counter, Help = "Garbage collections of this generation.")]
    public int? Collections { get; set; }

    [Metric("dotnet_gc_generation_size_bytes", Unit = "bytes", Help = "Size of this generation after the last collection.")]
    public long? SizeAfter { get; set; }
}
