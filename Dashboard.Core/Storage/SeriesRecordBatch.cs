using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Dashboard.Core.Storage;

/// <summary>
/// Selected series as one Arrow record batch in long form: <c>timestamp</c> (ms, UTC), <c>value</c>, <c>series</c>
/// (the series' name, dictionary-encoded) and one dictionary-encoded column per label name (null where a series lacks
/// it). Samples are decoded straight into the column buffers: no object or copy per sample.
/// </summary>
public static class SeriesRecordBatch
{
    /// <summary>The name of the timestamp column.</summary>
    public const string TimestampColumn = "timestamp";

    /// <summary>The name of the value column.</summary>
    public const string ValueColumn = "value";

    /// <summary>The name of the series column.</summary>
    public const string SeriesColumn = "series";

    /// <summary>Builds the batch for some series (at most <see cref="int.MaxValue"/> samples).</summary>
    /// <param name="series">Selected series (their range bounds the samples).</param>
    /// <returns>The batch; its schema depends on the label names present.</returns>
    public static RecordBatch Build(IReadOnlyList<SelectedSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var capacity = series.Sum(s => (long)s.MaxSampleCount);
        if (capacity > int.MaxValue / 8)
        {
            throw new ArgumentException($"{capacity} samples exceed one record batch; select fewer series or a shorter range.", nameof(series));
        }

        var timestamps = new byte[capacity * sizeof(long)];
        var values = new byte[capacity * sizeof(double)];
        var seriesIndex = new byte[capacity * sizeof(int)];
        var times = MemoryMarshal.Cast<byte, long>(timestamps.AsSpan());
        var vals = MemoryMarshal.Cast<byte, double>(values.AsSpan());
        var ids = MemoryMarshal.Cast<byte, int>(seriesIndex.AsSpan());
        var rows = 0;
        var rowsBySeries = new int[series.Count];
        for (var s = 0; s < series.Count; s++)
        {
            var start = rows;
            var cursor = series[s].Samples();
            while (cursor.MoveNext())
            {
                times[rows] = cursor.Timestamp;
                vals[rows] = cursor.Value;
                ids[rows] = s;
                rows++;
            }

            rowsBySeries[s] = rows - start;
        }

        var fields = new List<Field>
        {
            new(TimestampColumn, new TimestampType(TimeUnit.Millisecond, "UTC"), nullable: false),
            new(ValueColumn, DoubleType.Default, nullable: false),
        };
        var columns = new List<IArrowArray>
        {
            new TimestampArray(new ArrayData(fields[0].DataType, rows, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(timestamps.AsMemory(0, rows * sizeof(long)))])),
            new DoubleArray(new ArrowBuffer(values.AsMemory(0, rows * sizeof(double))), ArrowBuffer.Empty, rows, 0, 0),
        };

        var names = series.Select(s => s.ToString()).ToArray();
        AddDictionaryColumn(fields, columns, SeriesColumn, names, new ArrowBuffer(seriesIndex.AsMemory(0, rows * sizeof(int))), rows, nullCount: 0, ArrowBuffer.Empty);

        foreach (var labelName in series.SelectMany(s => s.Labels.Select(l => l.Name)).Distinct().Order(StringComparer.Ordinal))
        {
            AddLabelColumn(fields, columns, series, rowsBySeries, rows, labelName);
        }

        return new RecordBatch(new Schema(fields, null), columns, rows);
    }

    // A label's column: per series its value's index in the column dictionary, repeated over the series' rows.
    private static void AddLabelColumn(List<Field> fields, List<IArrowArray> columns, IReadOnlyList<SelectedSeries> series,
        int[] rowsBySeries, int rows, string labelName)
    {
        var dictionary = new Dictionary<string, int>(StringComparer.Ordinal);
        var indices = new byte[rows * sizeof(int)];
        var validity = new byte[(rows + 7) / 8];
        var index = MemoryMarshal.Cast<byte, int>(indices.AsSpan());
        var row = 0;
        var nulls = 0;
        for (var s = 0; s < series.Count; s++)
        {
            var label = System.Array.Find(series[s].Labels, l => l.Name == labelName);
            var present = label.Name is not null;
            var code = 0;
            if (present && !dictionary.TryGetValue(label.Value, out code))
            {
                code = dictionary.Count;
                dictionary.Add(label.Value, code);
            }

            for (var i = 0; i < rowsBySeries[s]; i++, row++)
            {
                index[row] = code;
                if (present)
                {
                    validity[row >> 3] |= (byte)(1 << (row & 7));
                }
                else
                {
                    nulls++;
                }
            }
        }

        var words = dictionary.OrderBy(d => d.Value).Select(d => d.Key).ToArray();
        AddDictionaryColumn(fields, columns, labelName, words, new ArrowBuffer(indices), rows, nulls,
            nulls == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity));
    }

    private static void AddDictionaryColumn(List<Field> fields, List<IArrowArray> columns, string name, string[] words,
        ArrowBuffer indices, int rows, int nullCount, ArrowBuffer validity)
    {
        var type = new DictionaryType(Int32Type.Default, StringType.Default, false);
        var dictionary = new StringArray.Builder().AppendRange(words).Build();
        var codes = new Int32Array(indices, validity, rows, nullCount, 0);
        fields.Add(new Field(name, type, nullable: nullCount > 0));
        columns.Add(new DictionaryArray(type, codes, dictionary));
    }
}
