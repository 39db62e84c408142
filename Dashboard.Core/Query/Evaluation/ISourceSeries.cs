using Dashboard.Abstractions;

namespace Dashboard.Core.Query.Evaluation;

/// <summary>One series a source selected: its labels, and its samples read on demand (one series at a time keeps a
/// query's memory to what it evaluates, not everything it selected).</summary>
public interface ISourceSeries
{
    /// <summary>The labels, sorted by name, <c>__name__</c> included.</summary>
    Label[] Labels { get; }

    /// <summary>Replaces the buffer's content with the series' samples in the selected span, oldest first.</summary>
    /// <param name="buffer">The buffer to fill.</param>
    void ReadSamples(SampleBuffer buffer);
}
