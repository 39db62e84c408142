using CsCheck;
using Dashboard.Core.Query.Decimation;

namespace Dashboard.Core.Tests.Query.Decimation;

/// <summary>
/// M4's exactness over random series (sorted timestamps with duplicates and gaps, random and repeated values, NaNs and
/// infinities, widths 1 to 2000, ranges inside, around and across the data): the kept points are few enough, in order,
/// taken from the input, and every pixel column keeps its first, last, minimum and maximum samples.
/// </summary>
public sealed class M4PropertyTests
{
    private static readonly Gen<long> Steps = Gen.Frequency(
        (8, Gen.Long[1, 1_000]),
        (1, Gen.Const(0L)),
        (1, Gen.Long[100_000, 50_000_000]));

    private static readonly Gen<double> Values = Gen.Frequency(
        (5, Gen.Double[-1e6, 1e6]),
        (3, Gen.Int[-3, 3].Select(i => (double)i)),
        (1, Gen.Const(double.NaN)),
        (1, Gen.OneOf(Gen.Const(double.PositiveInfinity), Gen.Const(double.NegativeInfinity))));

    // Narrow charts are drawn more often, so that most series have more than four points per pixel and get decimated.
    private static readonly Gen<int> Widths = Gen.Frequency((2, Gen.Int[1, 200]), (1, Gen.Int[1, 2000]));

    private static readonly Gen<Drawn> Draws =
        Gen.Select(Widths, Gen.Select(Steps, Values).Array[0, 12_000], Gen.Long[-1_000_000_000, 1_000_000_000],
            Gen.Select(Gen.Double[-0.2, 1.2], Gen.Double[-0.2, 1.2]), Drawn.Build);

    [Fact]
    public void Kept_points_are_at_most_four_per_pixel_column_in_time_order_and_taken_from_the_input() =>
        Draws.Sample(c =>
        {
            var kept = c.Select();

            Assert.True(kept.Length <= c.Grid.MaxPoints, $"{kept.Length} kept for {c.Grid.Width} px");
            for (var i = 0; i < kept.Length; i++)
            {
                Assert.InRange(kept[i], 0, c.Timestamps.Length - 1);
                Assert.InRange(c.Timestamps[kept[i]], c.Grid.StartMs, c.Grid.EndMs);
            }

            for (var i = 1; i < kept.Length; i++)
            {
                Assert.True(kept[i] > kept[i - 1], $"index {kept[i]} after {kept[i - 1]}");
            }
        }, iter: 300);

    [Fact]
    public void Every_pixel_column_keeps_its_first_last_min_and_max_and_nothing_else() =>
        Draws.Sample(c =>
        {
            var kept = c.Select();
            var inRange = Enumerable.Range(0, c.Timestamps.Length).Where(i => c.InRange(i)).ToArray();
            if (inRange.Length <= c.Grid.MaxPoints)
            {
                Assert.Equal(inRange, kept);
                return;
            }

            var expected = new SortedSet<int>();
            foreach (var column in inRange.GroupBy(c.ColumnOf))
            {
                var rows = column.ToArray();
                expected.Add(rows[0]);
                expected.Add(rows[^1]);
                var numbers = rows.Where(r => !double.IsNaN(c.Values[r])).ToArray();
                if (numbers.Length > 0)
                {
                    // Strict comparisons: the first occurrence of a tie wins.
                    expected.Add(numbers.Aggregate((best, r) => c.Values[r] < c.Values[best] ? r : best));
                    expected.Add(numbers.Aggregate((best, r) => c.Values[r] > c.Values[best] ? r : best));
                }
            }

            Assert.Equal(expected, kept);
        }, iter: 300);

    [Fact]
    public void Decimating_into_buffers_gives_the_selected_samples_unchanged() =>
        Draws.Sample(c =>
        {
            var kept = c.Select();
            var times = new long[c.Grid.MaxPoints];
            var values = new double[c.Grid.MaxPoints];

            var written = M4Decimator.Decimate(c.Timestamps, c.Values, c.Grid, times, values);

            Assert.Equal(kept.Length, written);
            Assert.Equal(kept.Select(i => c.Timestamps[i]), times.Take(written));
            Assert.Equal(kept.Select(i => BitConverter.DoubleToInt64Bits(c.Values[i])), values.Take(written).Select(BitConverter.DoubleToInt64Bits));
        }, iter: 200);

    /// <summary>One random series and the grid it is drawn on.</summary>
    public sealed record Drawn(long[] Timestamps, double[] Values, PixelGrid Grid)
    {
        public static Drawn Build(int width, (long Step, double Value)[] points, long origin, (double From, double To) cut)
        {
            var timestamps = new long[points.Length];
            var values = new double[points.Length];
            var t = origin;
            for (var i = 0; i < points.Length; i++)
            {
                t += points[i].Step;
                timestamps[i] = t;

                // -0 and +0 tie under the reference's strict comparison but not under TensorPrimitives: keep one zero.
                values[i] = points[i].Value == 0 ? 0 : points[i].Value;
            }

            // The range may start before, in or after the data and end anywhere from inside it to beyond it.
            var span = Math.Max(t - origin, 1);
            var from = origin + (long)(Math.Min(cut.From, cut.To) * span);
            var to = origin + (long)(Math.Max(cut.From, cut.To) * span);
            return new Drawn(timestamps, values, new PixelGrid(from, to, width));
        }

        public int[] Select()
        {
            var indices = new int[Math.Min(Timestamps.Length, Grid.MaxPoints)];
            var count = M4Decimator.SelectIndices(Timestamps, Values, Grid, indices);
            return indices[..count];
        }

        public bool InRange(int i) => Timestamps[i] >= Grid.StartMs && Timestamps[i] <= Grid.EndMs;

        // Pixel column by the definition, per point, independent of the kernel's boundary search.
        public int ColumnOf(int i) =>
            (int)(((Int128)Timestamps[i] - Grid.StartMs) * Grid.Width / ((Int128)Grid.EndMs - Grid.StartMs + 1));

        public override string ToString() =>
            $"{Timestamps.Length} points from {Timestamps.FirstOrDefault()} to {Timestamps.LastOrDefault()}, grid {Grid}";
    }
}
