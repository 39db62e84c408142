using Dashboard.Abstractions;

namespace Dashboard.Core.Storage.Wal;

/// <summary>Receives the records of a WAL replay, in the order they were logged.</summary>
public interface IWalVisitor
{
    /// <summary>A series was logged.</summary>
    /// <param name="seriesRef">Its ref.</param>
    /// <param name="labels">Its labels, freshly allocated: the visitor may keep the array.</param>
    void OnSeries(int seriesRef, Label[] labels);

    /// <summary>Samples were logged (one record's worth).</summary>
    /// <param name="samples">The samples; valid only during the call.</param>
    void OnSamples(ReadOnlySpan<WalSample> samples);
}
