using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Tests.Storage.Chunks;

public sealed class DecimalScaleTests
{
    [Theory]
    [InlineData(new[] { 3.0, -4.0, 0.0 }, 0)]
    [InlineData(new[] { 1.5, 2.25, 100.0 }, 2)]
    [InlineData(new[] { 0.000000001 }, 9)]
    [InlineData(new[] { 9007199254740991.0 }, 0)]
    public void The_exponent_is_the_smallest_that_fits_every_value(double[] values, int exponent)
    {
        var mantissas = new long[values.Length];

        Assert.True(DecimalScale.TryScale(values, mantissas, out var found));
        Assert.Equal(exponent, found);
        Assert.Equal(values, mantissas.Select(m => m / DecimalScale.PowerOfTen(found)));
    }

    [Theory]
    [InlineData(0.30000000000000004)]
    [InlineData(0.0000000001)]
    [InlineData(9007199254740992.0)]
    [InlineData(-0.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e300)]
    public void Values_that_are_not_short_decimals_disqualify_the_chunk(double odd)
    {
        double[] values = [1.5, odd, 2];

        Assert.False(DecimalScale.TryScale(values, new long[values.Length], out _));
    }
}
