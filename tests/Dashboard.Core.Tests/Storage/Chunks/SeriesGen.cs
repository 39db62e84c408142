using CsCheck;

namespace Dashboard.Core.Tests.Storage.Chunks;

/// <summary>Generators of sample series for the codec's properties.</summary>
internal static class SeriesGen
{
    /// <summary>Prometheus's stale marker: a NaN with its own payload, which must survive bit for bit.</summary>
    public static readonly double StaleMarker = BitConverter.UInt64BitsToDouble(0x7ff0000000000002);

    private const long Year = 366L * 24 * 3600 * 1000;

    /// <summary>Values that codecs get wrong: NaN payloads, signed zeros, infinities, subnormals, extremes.</summary>
    public static readonly double[] SpecialValues =
    [
        double.NaN, StaleMarker, BitConverter.UInt64BitsToDouble(0x7ff8000000000001), BitConverter.UInt64BitsToDouble(0xfff0000000000001),
        BitConverter.UInt64BitsToDouble(0x7fffffffffffffff), 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity,
        double.Epsilon, -double.Epsilon, BitConverter.UInt64BitsToDouble(0x000fffffffffffff), double.MaxValue, double.MinValue,
        1.0, -1.0, 0.1, 1e-300, 1e300,
    ];

    /// <summary>Any double, special ones often, and repeats of a few values so that equal neighbours occur.</summary>
    public static readonly Gen<double> AnyValue = Gen.Frequency(
        (4, Gen.Double),
        (2, Gen.Double.Special),
        (2, Gen.OneOf(SpecialValues)),
        (2, Gen.OneOf(0.0, 1.0, 42.5)),
        (1, Gen.Long[long.MinValue, long.MaxValue].Select(BitConverter.Int64BitsToDouble)));

    /// <summary>Short decimals of mixed magnitudes, the kind <see cref="Dashboard.Core.Storage.Chunks.ChunkRecoder"/> scales.</summary>
    public static readonly Gen<double> DecimalValue = Gen.Frequency(
        (3, Gen.Long[-1_000_000, 1_000_000].Select(m => m / 100.0)),
        (2, Gen.Long[-(1L << 52), 1L << 52].Select(m => (double)m)),
        (1, Gen.Select(Gen.Int[0, 9], Gen.Long[-999_999_999, 999_999_999], (e, m) => m / Math.Pow(10, e))),
        (1, Gen.OneOf(0.0, 1.0, 3.25)));

    /// <summary>Steps between timestamps: regular scrapes, jitter, bursts, gaps of years, and huge leaps.</summary>
    public static readonly Gen<long> Step = Gen.Frequency(
        (4, Gen.Const(15_000L)),
        (4, Gen.Long[14_995, 15_005]),
        (2, Gen.Long[995, 1_005]),
        (2, Gen.Long[1, 10]),
        (1, Gen.Long[1, 10 * Year]),
        (1, Gen.Long[1, long.MaxValue / 2 / 1000]));

    /// <summary>First timestamps before and after 1970, up to a quarter of the long range away from it.</summary>
    public static readonly Gen<long> Start = Gen.Frequency(
        (3, Gen.Long[1_600_000_000_000, 1_900_000_000_000]),
        (1, Gen.Long[long.MinValue / 4, long.MaxValue / 4]),
        (1, Gen.Long[-100 * Year, 0]));

    /// <summary>1 to 1000 samples with strictly increasing timestamps and values from <paramref name="values"/>.</summary>
    /// <param name="values">The value generator.</param>
    /// <returns>The series generator.</returns>
    public static Gen<Series> Of(Gen<double> values) =>
        Gen.Int[1, 1000].SelectMany(n => Gen.Select(Start, Step.Array[n], values.Array[n], (start, steps, vals) =>
        {
            var timestamps = new long[n];
            var t = start;
            for (var i = 0; i < n; i++)
            {
                timestamps[i] = t;
                t += steps[i];
            }

            return new Series(timestamps, vals);
        }));
}
