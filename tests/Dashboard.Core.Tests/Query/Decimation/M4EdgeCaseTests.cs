using Dashboard.Core.Query.Decimation;

namespace Dashboard.Core.Tests.Query.Decimation;

public sealed class M4EdgeCaseTests
{
    [Fact]
    public void One_pixel_keeps_first_min_max_and_last_in_time_order()
    {
        long[] times = [10, 20, 30, 40, 50, 60];
        double[] values = [5, 9, 1, 7, 1, 6];

        var (keptTimes, keptValues) = Decimate(times, values, new PixelGrid(0, 100, 1));

        Assert.Equal([10L, 20, 30, 60], keptTimes);
        Assert.Equal([5.0, 9, 1, 6], keptValues);
    }

    [Fact]
    public void A_series_within_four_points_per_pixel_comes_back_unchanged()
    {
        long[] times = [0, 1, 2, 3, 4, 5, 6, 7];
        double[] values = [3, double.NaN, 3, 3, -1, 8, 0, 2];

        var (keptTimes, keptValues) = Decimate(times, values, new PixelGrid(0, 7, 2));

        Assert.Equal(times, keptTimes);
        Assert.Equal(values, keptValues);
    }

    [Fact]
    public void A_single_point_comes_back()
    {
        var (keptTimes, keptValues) = Decimate([42], [1.5], new PixelGrid(0, 100, 1000));

        Assert.Equal([42L], keptTimes);
        Assert.Equal([1.5], keptValues);
    }

    [Fact]
    public void An_empty_series_and_a_range_without_samples_give_nothing()
    {
        Assert.Empty(Decimate([], [], new PixelGrid(0, 100, 10)).Times);
        Assert.Empty(Decimate([1, 2, 3], [1, 2, 3], new PixelGrid(10, 100, 10)).Times);
    }

    [Fact]
    public void A_column_of_NaNs_keeps_only_its_first_and_last_sample()
    {
        var times = Enumerable.Range(0, 10).Select(i => (long)i).ToArray();
        var values = Enumerable.Repeat(double.NaN, 10).ToArray();

        var (keptTimes, keptValues) = Decimate(times, values, new PixelGrid(0, 9, 1));

        Assert.Equal([0L, 9], keptTimes);
        Assert.All(keptValues, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void NaNs_are_never_a_columns_min_or_max_but_stay_as_its_first_or_last()
    {
        long[] times = [0, 1, 2, 3, 4, 5, 6];
        double[] values = [double.NaN, 4, double.NaN, -2, 7, double.NaN, double.NaN];

        var (keptTimes, keptValues) = Decimate(times, values, new PixelGrid(0, 6, 1));

        Assert.Equal([0L, 3, 4, 6], keptTimes);
        Assert.Equal([double.NaN, -2, 7, double.NaN], keptValues);
    }

    [Fact]
    public void Ties_keep_the_first_occurrence_and_a_flat_column_keeps_two_points()
    {
        long[] times = [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15];
        double[] values = [1, 0, 5, 0, 5, 1, 2, 2, 2, 2, 2, 2];

        var (keptTimes, _) = Decimate(times, values, new PixelGrid(0, 19, 2));

        Assert.Equal([0L, 1, 2, 5, 10, 15], keptTimes);
    }

    [Fact]
    public void A_point_exactly_on_a_column_boundary_belongs_to_the_column_it_starts()
    {
        // 100 ms per pixel: 100 opens column 1, 99 closes column 0; column 1's first 0 (at 101) is its maximum.
        var times = Enumerable.Range(0, 300).Select(i => (long)i).ToArray();
        var values = new double[300];
        values[99] = 50;
        values[100] = -50;
        var grid = new PixelGrid(0, 299, 3);

        var (keptTimes, keptValues) = Decimate(times, values, grid);

        Assert.Equal(0, grid.ColumnOf(99));
        Assert.Equal(1, grid.ColumnOf(100));
        Assert.Equal([0L, 99, 100, 101, 199, 200, 299], keptTimes);
        Assert.Equal([0.0, 50, -50, 0, 0, 0, 0], keptValues);
    }

    [Fact]
    public void A_range_narrower_than_the_data_keeps_only_samples_inside_it()
    {
        var times = Enumerable.Range(0, 1000).Select(i => (long)i * 10).ToArray();
        var values = times.Select(t => (double)t).ToArray();

        var (keptTimes, _) = Decimate(times, values, new PixelGrid(2000, 2999, 10));

        Assert.Equal(2000, keptTimes[0]);
        Assert.Equal(2990, keptTimes[^1]);
        Assert.True(keptTimes.Length <= 40);
        Assert.All(keptTimes, t => Assert.InRange(t, 2000, 2999));
    }

    [Fact]
    public void The_extreme_long_range_is_exact()
    {
        long[] times = [long.MinValue, -1, 0, long.MaxValue - 1, long.MaxValue];
        double[] values = [3, 1, 2, 5, 4];
        var grid = new PixelGrid(long.MinValue, long.MaxValue, 1);

        var (keptTimes, _) = Decimate(times, values, grid);

        Assert.Equal([long.MinValue, -1, long.MaxValue - 1, long.MaxValue], keptTimes);
        Assert.Equal(1, new PixelGrid(long.MinValue, long.MaxValue, 2).ColumnOf(0));
    }

    [Fact]
    public void Bad_input_names_what_is_wrong()
    {
        var lengths = Assert.Throws<ArgumentException>(() => M4Decimator.Decimate([1, 2], [1.0], new PixelGrid(0, 9, 1), new long[4], new double[4]));
        var room = Assert.Throws<ArgumentException>(() => M4Decimator.Decimate([1, 2, 3], [1.0, 2, 3], new PixelGrid(0, 9, 1), new long[2], new double[2]));
        var range = Assert.Throws<ArgumentException>(() => new PixelGrid(10, 9, 1));
        var grid = Assert.Throws<ArgumentException>(() => M4Decimator.SelectIndices([1], [1.0], default, new int[4]));

        Assert.Contains("2 timestamps but 1 values", lengths.Message, StringComparison.Ordinal);
        Assert.Contains("room for 2 points; up to 3", room.Message, StringComparison.Ordinal);
        Assert.Contains("ends (9 ms) before it starts (10 ms)", range.Message, StringComparison.Ordinal);
        Assert.Contains("width 0", grid.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelGrid(0, 9, 0));
    }

    private static (long[] Times, double[] Values) Decimate(long[] times, double[] values, PixelGrid grid)
    {
        var keptTimes = new long[grid.MaxPoints];
        var keptValues = new double[grid.MaxPoints];
        var count = M4Decimator.Decimate(times, values, grid, keptTimes, keptValues);
        return (keptTimes[..count], keptValues[..count]);
    }
}
