using Dashboard.Abstractions;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Storage;

/// <summary>One series a selection found: its labels and its chunks overlapping the range, oldest first.</summary>
/// <param name="Labels">The labels, sorted by name, <c>__name__</c> included.</param>
/// <param name="Chunks">The chunks (immutable copies: valid after the selection, whatever compaction does).</param>
/// <param name="MinTime">The selection's start, inclusive (Unix ms).</param>
/// <param name="MaxTime">The selection's end, inclusive (Unix ms).</param>
public sealed record SelectedSeries(Label[] Labels, IReadOnlyList<StoredChunk> Chunks, long MinTime, long MaxTime)
{
    /// <summary>The metric name (the <c>__name__</c> label).</summary>
    public string Metric => Array.Find(Labels, l => l.Name == LabelNames.MetricName).Value ?? string.Empty;

    /// <summary>An upper bound of the samples in range: the chunks' counts.</summary>
    public int MaxSampleCount => Chunks.Sum(c => c.Count);

    /// <summary>The series' name in the Prometheus text form, <c>name{a="1"}</c>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() =>
        Collection.Series.Format(Metric, [.. Labels.Where(l => l.Name != LabelNames.MetricName)]);

    /// <summary>The samples in [<see cref="MinTime"/>, <see cref="MaxTime"/>], in time order, each timestamp once.</summary>
    /// <returns>A cursor; no allocation per sample.</returns>
    public SampleCursor Samples() => new(Chunks, MinTime, MaxTime);
}
