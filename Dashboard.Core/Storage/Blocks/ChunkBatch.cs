using Apache.Arrow;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>
/// One record batch of <c>chunks.arrow</c>, copied into managed arrays. Arrow frees a batch's (native) buffers on
/// dispose, and a <see cref="StoredChunk"/> handed out must outlive that, so each column is copied once per batch
/// load and the Arrow batch disposed at once.
/// </summary>
internal sealed class ChunkBatch
{
    private readonly int[] _seriesIds;
    private readonly long[] _minTimes;
    private readonly long[] _maxTimes;
    private readonly int[] _counts;
    private readonly byte[] _encodings;
    private readonly int[] _dataOffsets;
    private readonly byte[] _data;

    private ChunkBatch(int[] seriesIds, long[] minTimes, long[] maxTimes, int[] counts, byte[] encodings, int[] dataOffsets, byte[] data)
    {
        _seriesIds = seriesIds;
        _minTimes = minTimes;
        _maxTimes = maxTimes;
        _counts = counts;
        _encodings = encodings;
        _dataOffsets = dataOffsets;
        _data = data;
    }

    public int Length => _seriesIds.Length;

    public int SeriesId(int row) => _seriesIds[row];

    public long MinTime(int row) => _minTimes[row];

    public StoredChunk Chunk(int row) => new(
        (ChunkEncoding)_encodings[row], _minTimes[row], _maxTimes[row], _counts[row],
        _data.AsMemory(_dataOffsets[row], _dataOffsets[row + 1] - _dataOffsets[row]));

    /// <summary>Copies a batch read from <c>chunks.arrow</c>.</summary>
    /// <exception cref="InvalidDataException">The batch does not have the layout of <c>chunks.arrow</c>.</exception>
    public static ChunkBatch Copy(RecordBatch batch)
    {
        var length = batch.Length;
        var seriesIds = ArrowColumns.Get<Int32Array>(batch, 0, length).Values.ToArray();
        var minTimes = ArrowColumns.Get<Int64Array>(batch, 1, length).Values.ToArray();
        var maxTimes = ArrowColumns.Get<Int64Array>(batch, 2, length).Values.ToArray();
        var counts = ArrowColumns.Get<Int32Array>(batch, 3, length).Values.ToArray();
        var encodings = ArrowColumns.Get<UInt8Array>(batch, 4, length).Values.ToArray();
        var data = ArrowColumns.Get<BinaryArray>(batch, 5, length);

        var offsets = data.ValueOffsets;
        var bytes = data.ValueBuffer.Span;
        var first = offsets[0];
        var last = offsets[length];
        if (first < 0 || last < first || last > bytes.Length)
        {
            throw new InvalidDataException("the data column's offsets point outside its buffer");
        }

        var dataOffsets = new int[length + 1];
        for (var i = 0; i <= length; i++)
        {
            dataOffsets[i] = offsets[i] - first;
            if (i > 0 && dataOffsets[i] < dataOffsets[i - 1])
            {
                throw new InvalidDataException("the data column's offsets decrease");
            }
        }

        return new ChunkBatch(seriesIds, minTimes, maxTimes, counts, encodings, dataOffsets, bytes[first..last].ToArray());
    }
}
