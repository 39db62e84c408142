using Apache.Arrow;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Tests.Storage.Store;

public sealed class SeriesRecordBatchTests
{
    private const long Start = 1_700_000_000_000;

    [Fact]
    public void A_range_becomes_one_row_per_sample_with_series_and_label_columns()
    {
        using var fixture = new StoreFixture();
        var idle = StoreFixture.Series("cpu", ("mode", "idle"));
        var bare = StoreFixture.Series("cpu");
        for (var i = 0; i < 10; i++)
        {
            fixture.Store.Append(idle, Start + (i * 1000), i);
            fixture.Store.Append(bare, Start + (i * 1000), i == 3 ? double.NaN : -i);
        }

        var series = fixture.Store.Select([LabelMatcher.Equal("__name__", "cpu")], Start + 2000, Start + 5000);
        using var batch = SeriesRecordBatch.Build(series);

        Assert.Equal(8, batch.Length);
        Assert.Equal(["timestamp", "value", "series", "__name__", "mode"], batch.Schema.FieldsList.Select(f => f.Name));
        var times = (TimestampArray)batch.Column("timestamp");
        var values = (DoubleArray)batch.Column("value");
        var names = (DictionaryArray)batch.Column("series");
        var modes = (DictionaryArray)batch.Column("mode");
        Assert.Equal(Start + 2000, times.GetValue(0));
        Assert.Equal(Start + 5000, times.GetValue(3));
        Assert.Equal([-2.0, -4, -5], new[] { 0, 2, 3 }.Select(r => values.GetValue(r)!.Value));
        Assert.True(double.IsNaN(values.GetValue(1)!.Value));
        Assert.Equal("cpu", ((StringArray)names.Dictionary).GetString(((Int32Array)names.Indices).GetValue(0)!.Value));
        Assert.Equal("cpu{mode=\"idle\"}", ((StringArray)names.Dictionary).GetString(((Int32Array)names.Indices).GetValue(4)!.Value));
        Assert.True(modes.Indices.IsNull(0));
        Assert.Equal("idle", ((StringArray)modes.Dictionary).GetString(((Int32Array)modes.Indices).GetValue(4)!.Value));
        Assert.Equal([2.0, 3, 4, 5], Enumerable.Range(4, 4).Select(r => values.GetValue(r)!.Value));
    }
}
