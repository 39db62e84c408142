namespace Dashboard.Core.Storage.Chunks;

/// <summary>
/// Finds whether doubles are short decimals: each exactly m / 10^e for an integer m with |m| &lt; 2^53 and one small e
/// shared by all. "Exactly" means the division gives back the very same bits, so -0.0, NaN and infinities never qualify.
/// </summary>
internal static class DecimalScale
{
    /// <summary>Bits the exponent takes in a chunk.</summary>
    public const int ExponentBits = 4;

    /// <summary>The largest exponent tried: nine decimals cover what meters print; beyond, XOR is as good.</summary>
    public const int MaxExponent = 9;

    private const double MantissaLimit = 9007199254740992; // 2^53: every integer below is an exact double.

    // Every power here is an exact double, so m / 10^e is one correctly rounded division.
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>10^<paramref name="exponent"/>.</summary>
    /// <param name="exponent">0 to 15 (any 4-bit field decodes).</param>
    /// <returns>The power.</returns>
    public static double PowerOfTen(int exponent) => PowersOfTen[exponent];

    /// <summary>Finds the smallest exponent for which every value is a short decimal, and the scaled integers.</summary>
    /// <param name="values">The values.</param>
    /// <param name="mantissas">Receives m for each value; as long as <paramref name="values"/>.</param>
    /// <param name="exponent">The shared exponent e.</param>
    /// <returns><see langword="false"/> when some value is not such a decimal for any e up to <see cref="MaxExponent"/>.</returns>
    public static bool TryScale(ReadOnlySpan<double> values, Span<long> mantissas, out int exponent)
    {
        // A value exact at e stays exact at e + 1 (same rational number, same rounding) while m stays below 2^53,
        // so the largest of the per-value smallest exponents serves all, and the second pass confirms it.
        exponent = 0;
        foreach (var value in values)
        {
            while (!TryScale(value, exponent, out _))
            {
                if (++exponent > MaxExponent)
                {
                    return false;
                }
            }
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!TryScale(values[i], exponent, out mantissas[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryScale(double value, int exponent, out long mantissa)
    {
        var power = PowersOfTen[exponent];
        var rounded = Math.Round(value * power);
        if (!(Math.Abs(rounded) < MantissaLimit))
        {
            // Also catches NaN and infinities.
            mantissa = 0;
            return false;
        }

        mantissa = (long)rounded;
        return BitConverter.DoubleToInt64Bits(mantissa / power) == BitConverter.DoubleToInt64Bits(value);
    }
}
