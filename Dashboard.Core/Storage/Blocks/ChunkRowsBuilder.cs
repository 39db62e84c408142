using Apache.Arrow;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>Collects the rows of one batch of <c>chunks.arrow</c>; the bytes are copied once, into Arrow buffers.</summary>
internal sealed class ChunkRowsBuilder
{
    private Int32Array.Builder _seriesIds = new();
    private Int64Array.Builder _minTimes = new();
    private Int64Array.Builder _maxTimes = new();
    private Int32Array.Builder _counts = new();
    private UInt8Array.Builder _encodings = new();
    private BinaryArray.Builder _data = new();

    /// <summary>Rows collected since the last <see cref="Build"/>.</summary>
    public int Rows { get; private set; }

    /// <summary>Chunk bytes collected since the last <see cref="Build"/>.</summary>
    public long DataBytes { get; private set; }

    public void Append(int seriesId, in StoredChunk chunk)
    {
        _seriesIds.Append(seriesId);
        _minTimes.Append(chunk.MinTime);
        _maxTimes.Append(chunk.MaxTime);
        _counts.Append(chunk.Count);
        _encodings.Append((byte)chunk.Encoding);
        _data.Append(chunk.Data.Span);
        Rows++;
        DataBytes += chunk.Data.Length;
    }

    /// <summary>Hands the collected rows over as a record batch (the caller disposes it) and starts afresh.</summary>
    public RecordBatch Build()
    {
        IArrowArray[] columns =
        [
            _seriesIds.Build(), _minTimes.Build(), _maxTimes.Build(), _counts.Build(), _encodings.Build(), _data.Build(),
        ];
        var batch = new RecordBatch(BlockLayout.ChunksSchema, columns, Rows);
        _seriesIds = new();
        _minTimes = new();
        _maxTimes = new();
        _counts = new();
        _encodings = new();
        _data = new();
        Rows = 0;
        DataBytes = 0;
        return batch;
    }
}
