using Dashboard.Core.Storage;

namespace Dashboard.Core.Export;

/// <summary>
/// Walks the samples of the selected series, series after series, filling one <see cref="ExportBatch"/> at a time; a
/// series may span several blocks. Only the current series' cursor is live, so memory does not grow with the export.
/// </summary>
internal sealed class ExportBatchReader(IReadOnlyList<SelectedSeries> series)
{
    private SampleCursor _cursor;
    private int _current = -1;
    private int _next;

    /// <summary>Fills <paramref name="batch"/> with the next rows.</summary>
    /// <returns><see langword="false"/> when no rows were left.</returns>
    public bool Read(ExportBatch batch)
    {
        batch.Clear();
        var timestamps = batch.Timestamps;
        var values = batch.Values;
        var count = 0;
        while (count < batch.Capacity)
        {
            if (_current < 0)
            {
                if (_next >= series.Count)
                {
                    break;
                }

                _current = _next++;
                _cursor = series[_current].Samples();
            }

            // The capacity check comes first: a sample the cursor has moved to must land in this block.
            while (count < batch.Capacity && _cursor.MoveNext())
            {
                timestamps[count] = _cursor.Timestamp;
                values[count] = _cursor.Value;
                count++;
            }

            batch.EndRun(_current, count);
            if (count < batch.Capacity)
            {
                _current = -1;
            }
        }

        return count > 0;
    }
}
