using Dashboard.UI.Model;

namespace Dashboard.UI.Tests.Overview;

public sealed class SparklinePathTests
{
    [Fact]
    public void Points_are_scaled_into_the_box_with_the_lowest_value_at_the_bottom()
    {
        SparkPoint[] points = [new(0, 0), new(50, 10), new(100, 5)];

        var path = SparklinePath.Build(points, 0, 100, width: 100, height: 12, maxGapMs: 60);

        Assert.Equal("M0 11 L50 1 L100 6", path);
    }

    [Fact]
    public void A_gap_wider_than_the_limit_breaks_the_line_instead_of_bridging_it()
    {
        SparkPoint[] points = [new(0, 1), new(10, 2), new(80, 1), new(90, 2)];

        var path = SparklinePath.Build(points, 0, 100, 100, 12, maxGapMs: 15);

        Assert.Equal("M0 11 L10 1 M80 11 L90 1", path);
    }

    [Fact]
    public void NaN_and_infinite_values_break_the_line_and_do_not_stretch_the_scale()
    {
        SparkPoint[] points = [new(0, 0), new(10, double.NaN), new(20, double.PositiveInfinity), new(30, 10), new(40, 0)];

        var path = SparklinePath.Build(points, 0, 40, 40, 12, maxGapMs: 100);

        Assert.Equal("M0 11 h1 M30 1 L40 11", path);
    }

    [Fact]
    public void A_flat_series_is_drawn_through_the_middle()
    {
        SparkPoint[] points = [new(0, 7), new(50, 7), new(100, 7)];

        var path = SparklinePath.Build(points, 0, 100, 100, 20, maxGapMs: 60);

        Assert.Equal("M0 10 L50 10 L100 10", path);
    }

    [Fact]
    public void No_finite_point_draws_nothing()
    {
        Assert.Equal("", SparklinePath.Build([], 0, 100, 100, 20, 60));
        Assert.Equal("", SparklinePath.Build([new(0, double.NaN)], 0, 100, 100, 20, 60));
    }
}
