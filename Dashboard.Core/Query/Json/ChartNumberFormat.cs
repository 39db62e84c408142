using System.Globalization;

namespace Dashboard.Core.Query.Json;

/// <summary>
/// Numbers in the chart wire format (<see cref="ChartSeriesWriter"/>): the decimal scale that turns a series' values
/// into exact integers, the JSON form of a value that has none, and the strings of the values JSON has no number for.
/// </summary>
internal static class ChartNumberFormat
{
    /// <summary>The largest decimal scale: 10^22 is the largest power of ten a double holds exactly.</summary>
    public const int MaxScale = 22;

    /// <summary>Room for any number <see cref="WriteShortest"/> writes.</summary>
    public const int MaxLength = 32;

    // |m| ≤ 2^52 keeps every difference of two of them within 2^53, where a double (a JavaScript number) counts exactly.
    private const double MaxScaled = 4_503_599_627_370_496;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    /// <summary>NaN, ±infinity and −0: written as strings, outside the scaled integers.</summary>
    public static bool IsSpecial(double value) => !double.IsFinite(value) || (value == 0 && double.IsNegative(value));

    /// <summary>
    /// The string of a special value, one that JavaScript's <c>Number()</c>, .NET's and Go's float parsers all read back
    /// to the same value.
    /// </summary>
    public static ReadOnlySpan<byte> Special(double value) =>
        double.IsNaN(value) ? "NaN"u8
        : double.IsPositiveInfinity(value) ? "Infinity"u8
        : double.IsNegativeInfinity(value) ? "-Infinity"u8
        : "-0"u8;

    /// <summary>
    /// Finds the smallest <c>k</c> (0 to <see cref="MaxScale"/>) such that every value that is not special is
    /// exactly <c>m ÷ 10^k</c> for an integer <c>|m| ≤ 2^52</c>, the division done in IEEE double arithmetic as a
    /// reader does it (so <c>49.123</c> is <c>49123 ÷ 1000</c>; <c>0.1 + 0.2</c> has no such <c>k</c>).
    /// </summary>
    /// <returns>False when there is none.</returns>
    public static bool TryFindScale(ReadOnlySpan<double> values, out int scale)
    {
        // A value exact at scale k is exact at every larger scale (same rational, same nearest double) while m fits,
        // so one pass raising k as needed finds the smallest k for all; a second pass checks that the values passed
        // before k last grew still fit (a large one may not: 1261235220200048 fits at 0, not at 3).
        scale = 0;
        foreach (var value in values)
        {
            if (IsSpecial(value))
            {
                continue;
            }

            while (!IsExactAt(value, scale))
            {
                if (++scale > MaxScale)
                {
                    return false;
                }
            }
        }

        foreach (var value in values)
        {
            if (!IsSpecial(value) && !IsExactAt(value, scale))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The integer <c>m</c> of a value at a scale <see cref="TryFindScale"/> found for it.</summary>
    public static long Scaled(double value, int scale) => (long)Math.Round(value * PowersOfTen[scale]);

    /// <summary>
    /// Writes a finite value as the shortest JSON number that reads back to the same double: .NET's round-trip digits
    /// with the exponent as JSON allows it shortest (<c>1e15</c>, <c>1.5e-7</c>).
    /// </summary>
    /// <returns>Bytes written.</returns>
    public static int WriteShortest(double value, Span<byte> destination)
    {
        value.TryFormat(destination, out var length, "R", CultureInfo.InvariantCulture);
        var exponentAt = destination[..length].IndexOf((byte)'E');
        if (exponentAt < 0)
        {
            return length;
        }

        // "1.5E-07" → "1.5e-7", "1E+15" → "1e15".
        var written = exponentAt;
        destination[written++] = (byte)'e';
        var read = exponentAt + 1;
        if (destination[read] == (byte)'+')
        {
            read++;
        }
        else if (destination[read] == (byte)'-')
        {
            destination[written++] = (byte)'-';
            read++;
        }

        while (read < length - 1 && destination[read] == (byte)'0')
        {
            read++;
        }

        while (read < length)
        {
            destination[written++] = destination[read++];
        }

        return written;
    }

    private static bool IsExactAt(double value, int scale)
    {
        var scaled = Math.Round(value * PowersOfTen[scale]);
        return Math.Abs(scaled) <= MaxScaled && scaled / PowersOfTen[scale] == value;
    }
}
