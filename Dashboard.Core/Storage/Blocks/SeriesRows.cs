using Apache.Arrow;
using Apache.Arrow.Ipc;
using Dashboard.Abstractions;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>The rows of <c>series.arrow</c> held in memory: each series' labels and where its chunks are.</summary>
internal sealed class SeriesRows
{
    private SeriesRows(Label[][] labels, int[] chunkBatches, int[] chunkRows, int[] chunkCounts, long[] minTimes, long[] maxTimes)
    {
        Labels = labels;
        ChunkBatches = chunkBatches;
        ChunkRows = chunkRows;
        ChunkCounts = chunkCounts;
        MinTimes = minTimes;
        MaxTimes = maxTimes;
    }

    public int Count => Labels.Length;

    public Label[][] Labels { get; }

    /// <summary>Per series, the batch of <c>chunks.arrow</c> holding its first chunk.</summary>
    public int[] ChunkBatches { get; }

    /// <summary>Per series, the row of its first chunk in that batch.</summary>
    public int[] ChunkRows { get; }

    public int[] ChunkCounts { get; }

    public long[] MinTimes { get; }

    public long[] MaxTimes { get; }

    /// <exception cref="InvalidDataException">The file does not have the layout of <c>series.arrow</c>.</exception>
    public static SeriesRows Read(ArrowFileReader reader, StringPool strings)
    {
        if (!BlockLayout.SameFields(reader.Schema, BlockLayout.SeriesSchema))
        {
            throw new InvalidDataException("the schema is not that of series.arrow");
        }

        var labels = new List<Label[]>();
        var chunkBatches = new List<int>();
        var chunkRows = new List<int>();
        var chunkCounts = new List<int>();
        var minTimes = new List<long>();
        var maxTimes = new List<long>();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                var length = batch.Length;
                var names = ArrowColumns.Get<ListArray>(batch, 0, length);
                var values = ArrowColumns.Get<ListArray>(batch, 1, length);
                var nameStrings = ArrowColumns.Values<StringArray>(names);
                var valueStrings = ArrowColumns.Values<StringArray>(values);
                var nameOffsets = names.ValueOffsets;
                var valueOffsets = values.ValueOffsets;
                for (var row = 0; row < length; row++)
                {
                    var start = nameOffsets[row];
                    var count = nameOffsets[row + 1] - start;
                    if (valueOffsets[row] != start || valueOffsets[row + 1] - start != count || count < 0 || start + count > nameStrings.Length)
                    {
                        throw new InvalidDataException($"series row {labels.Count} has label names and values that do not pair up");
                    }

                    var set = new Label[count];
                    for (var i = 0; i < count; i++)
                    {
                        set[i] = new Label(strings.Get(nameStrings.GetBytes(start + i)), strings.Get(valueStrings.GetBytes(start + i)));
                    }

                    labels.Add(set);
                }

                chunkBatches.AddRange(ArrowColumns.Get<Int32Array>(batch, 2, length).Values);
                chunkRows.AddRange(ArrowColumns.Get<Int32Array>(batch, 3, length).Values);
                chunkCounts.AddRange(ArrowColumns.Get<Int32Array>(batch, 4, length).Values);
                minTimes.AddRange(ArrowColumns.Get<Int64Array>(batch, 5, length).Values);
                maxTimes.AddRange(ArrowColumns.Get<Int64Array>(batch, 6, length).Values);
            }
        }

        for (var i = 0; i < labels.Count; i++)
        {
            if (chunkBatches[i] < 0 || chunkRows[i] < 0 || chunkCounts[i] < 1 || minTimes[i] > maxTimes[i])
            {
                throw new InvalidDataException($"series row {i} has an invalid chunk position or time range");
            }
        }

        return new SeriesRows([.. labels], [.. chunkBatches], [.. chunkRows], [.. chunkCounts], [.. minTimes], [.. maxTimes]);
    }
}
