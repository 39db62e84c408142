using Dashboard.Abstractions;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query.Evaluation;

/// <summary>The embedded store as a series source: chunks are selected up front, decoded one series at a time.</summary>
/// <param name="store">The store.</param>
public sealed class StoreSeriesSource(TsdbStore store) : ISeriesSource
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ISourceSeries>> SelectAsync(IReadOnlyList<LabelMatcher> matchers, long minTimeMs, long maxTimeMs,
        CancellationToken cancellationToken)
    {
        var selected = store.Select(matchers, minTimeMs, maxTimeMs);
        return Task.FromResult<IReadOnlyList<ISourceSeries>>([.. selected.Select(s => new StoredSeries(s))]);
    }

    private sealed class StoredSeries(SelectedSeries series) : ISourceSeries
    {
        public Label[] Labels => series.Labels;

        public void ReadSamples(SampleBuffer buffer)
        {
            buffer.Clear();
            var cursor = series.Samples();
            while (cursor.MoveNext())
            {
                buffer.Add(cursor.Timestamp, cursor.Value);
            }
        }
    }
}
