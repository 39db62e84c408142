using Apache.Arrow;
using Apache.Arrow.Types;
using Dashboard.Abstractions;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>Collects the rows of one batch of <c>series.arrow</c>.</summary>
internal sealed class SeriesRowsBuilder
{
    private ListArray.Builder _names = new(StringType.Default);
    private ListArray.Builder _values = new(StringType.Default);
    private Int32Array.Builder _chunkBatches = new();
    private Int32Array.Builder _chunkRows = new();
    private Int32Array.Builder _chunkCounts = new();
    private Int64Array.Builder _minTimes = new();
    private Int64Array.Builder _maxTimes = new();

    /// <summary>Rows collected since the last <see cref="Build"/>.</summary>
    public int Rows { get; private set; }

    /// <summary>Adds one series.</summary>
    /// <param name="labels">Its labels.</param>
    /// <param name="chunkBatch">The batch of <c>chunks.arrow</c> holding its first chunk.</param>
    /// <param name="chunkRow">The row of that chunk within the batch; later chunks follow, into the next batches.</param>
    /// <param name="chunkCount">How many chunks it has.</param>
    /// <param name="minTime">Its first chunk's start.</param>
    /// <param name="maxTime">The latest end of its chunks.</param>
    public void Append(Label[] labels, int chunkBatch, int chunkRow, int chunkCount, long minTime, long maxTime)
    {
        _names.Append();
        _values.Append();
        var names = (StringArray.Builder)_names.ValueBuilder;
        var values = (StringArray.Builder)_values.ValueBuilder;
        foreach (var label in labels)
        {
            names.Append(label.Name);
            values.Append(label.Value);
        }

        _chunkBatches.Append(chunkBatch);
        _chunkRows.Append(chunkRow);
        _chunkCounts.Append(chunkCount);
        _minTimes.Append(minTime);
        _maxTimes.Append(maxTime);
        Rows++;
    }

    /// <summary>Hands the collected rows over as a record batch (the caller disposes it) and starts afresh.</summary>
    public RecordBatch Build()
    {
        IArrowArray[] columns =
        [
            _names.Build(), _values.Build(), _chunkBatches.Build(), _chunkRows.Build(), _chunkCounts.Build(), _minTimes.Build(), _maxTimes.Build(),
        ];
        var batch = new RecordBatch(BlockLayout.SeriesSchema, columns, Rows);
        _names = new(StringType.Default);
        _values = new(StringType.Default);
        _chunkBatches = new();
        _chunkRows = new();
        _chunkCounts = new();
        _minTimes = new();
        _maxTimes = new();
        Rows = 0;
        return batch;
    }
}
