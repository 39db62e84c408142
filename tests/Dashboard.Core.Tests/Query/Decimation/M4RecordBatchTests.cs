using Apache.Arrow;
using Dashboard.Core.Query.Decimation;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Index;
using Dashboard.Core.Tests.Storage.Store;

namespace Dashboard.Core.Tests.Query.Decimation;

public sealed class M4RecordBatchTests
{
    private const long Start = 1_700_000_000_000;

    [Fact]
    public void Each_series_of_a_store_batch_is_decimated_alone_and_keeps_its_labels()
    {
        using var fixture = new StoreFixture();
        var idle = StoreFixture.Series("cpu", ("mode", "idle"));
        var bare = StoreFixture.Series("cpu");
        for (var i = 0; i < 1000; i++)
        {
            fixture.Store.Append(idle, Start + (i * 1000), Math.Sin(i / 10.0));
            fixture.Store.Append(bare, Start + (i * 1000), i % 97 == 0 ? double.NaN : i % 13);
        }

        var series = fixture.Store.Select([LabelMatcher.Equal("__name__", "cpu")], Start, Start + 999_000);
        using var batch = SeriesRecordBatch.Build(series);
        var grid = new PixelGrid(Start, Start + 999_999, 10);

        using var decimated = M4Decimator.Decimate(batch, grid);

        Assert.Equal(batch.Schema.FieldsList.Select(f => f.Name), decimated.Schema.FieldsList.Select(f => f.Name));
        var times = ((TimestampArray)batch.Column("timestamp")).Values;
        var values = ((DoubleArray)batch.Column("value")).Values;
        var keptTimes = ((TimestampArray)decimated.Column("timestamp")).Values;
        var keptValues = ((DoubleArray)decimated.Column("value")).Values;
        var keptModes = (DictionaryArray)decimated.Column("mode");
        var keptNames = (DictionaryArray)decimated.Column("series");
        var row = 0;
        for (var s = 0; s < 2; s++)
        {
            var expected = new int[grid.MaxPoints];
            var count = M4Decimator.SelectIndices(times.Slice(s * 1000, 1000), values.Slice(s * 1000, 1000), grid, expected);
            Assert.InRange(count, 20, 40);
            for (var i = 0; i < count; i++, row++)
            {
                Assert.Equal(times[(s * 1000) + expected[i]], keptTimes[row]);
                Assert.Equal(values[(s * 1000) + expected[i]], keptValues[row]);
                Assert.Equal(series[s].ToString(), ((StringArray)keptNames.Dictionary).GetString(((Int32Array)keptNames.Indices).GetValue(row)!.Value));
                var mode = keptModes.Indices.IsValid(row)
                    ? ((StringArray)keptModes.Dictionary).GetString(((Int32Array)keptModes.Indices).GetValue(row)!.Value)
                    : null;
                Assert.Equal(series[s].Labels.Any(l => l.Name == "mode") ? "idle" : null, mode);
            }
        }

        Assert.Equal(row, decimated.Length);
    }

    [Fact]
    public void A_batch_without_a_timestamp_column_is_refused_by_name()
    {
        var batch = new RecordBatch.Builder().Append("value", false, c => c.Double(b => b.Append(1.0))).Build();

        var error = Assert.Throws<ArgumentException>(() => M4Decimator.Decimate(batch, new PixelGrid(0, 9, 1)));

        Assert.Contains("no 'timestamp' column", error.Message, StringComparison.Ordinal);
    }
}
