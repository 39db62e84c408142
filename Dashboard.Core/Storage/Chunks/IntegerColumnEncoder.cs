using System.Numerics;

namespace Dashboard.Core.Storage.Chunks;

/// <summary>
/// Plans and writes one integer column of a <see cref="ChunkEncoding.ScaledDecimal"/> chunk (its timestamps, or its
/// values as scaled integers). Every number is the first plus a multiple of a common step (the greatest common divisor
/// of the differences: whole seconds, page sizes, a counter's fixed increment); the multiples are coded by whichever
/// <see cref="ColumnOrder"/> is smallest for this chunk, centred on their median, zigzagged and written with an
/// <see cref="EscapedRiceCode"/> whose parameter is chosen for the chunk too. Arithmetic wraps, so any longs round-trip.
/// </summary>
/// <remarks>
/// Header: order (3 bits), first number (varint); unless constant: step - 1 and base (varints), the slope (varint) for
/// deltas of deltas and lines, the width (7 bits) and, when the width is not 0, the Rice parameter (6 bits).
/// </remarks>
internal sealed class IntegerColumnEncoder
{
    /// <summary>Bits of the order field.</summary>
    public const int OrderBits = 3;

    private const int WidthBits = 7;
    private const int RiceParameterBits = 6;

    private readonly long _first;
    private readonly ulong _step;
    private readonly ColumnPlan _plan;

    /// <summary>Plans the column of <paramref name="numbers"/>.</summary>
    /// <param name="numbers">One number per sample; at least one.</param>
    public IntegerColumnEncoder(ReadOnlySpan<long> numbers)
    {
        _first = numbers[0];
        _step = CommonStep(numbers);
        if (_step == 0)
        {
            _plan = new ColumnPlan(ColumnOrder.Constant, 0, 0, numbers.Length, [], 0, 0, OrderBits);
            return;
        }

        var multiples = new long[numbers.Length];
        for (var i = 0; i < numbers.Length; i++)
        {
            multiples[i] = unchecked(numbers[i] - _first) / (long)_step;
        }

        _plan = Plan(ColumnOrder.Values, multiples);
        foreach (var order in (ReadOnlySpan<ColumnOrder>)[ColumnOrder.Deltas, ColumnOrder.DeltasOfDeltas, ColumnOrder.Line])
        {
            if (order == ColumnOrder.DeltasOfDeltas && numbers.Length < 3)
            {
                continue;
            }

            var plan = Plan(order, multiples);
            if (plan.Bits < _plan.Bits)
            {
                _plan = plan;
            }
        }
    }

    /// <summary>The order chosen for this column.</summary>
    public ColumnOrder Order => _plan.Order;

    /// <summary>Bits the whole column takes, header included.</summary>
    public long Bits => _plan.Bits + VarBits(ZigZag.Encode(_first)) + (_plan.Order == ColumnOrder.Constant ? 0 : VarBits(_step - 1));

    /// <summary>Writes the column's header.</summary>
    /// <param name="writer">Where to.</param>
    public void WriteHeader(BitWriter writer)
    {
        writer.WriteBits((ulong)_plan.Order, OrderBits);
        writer.WriteVarInt(_first);
        if (_plan.Order == ColumnOrder.Constant)
        {
            return;
        }

        writer.WriteVarUInt(_step - 1);
        writer.WriteVarInt(_plan.Base);
        if (_plan.HasSlope)
        {
            writer.WriteVarInt(_plan.Slope);
        }

        writer.WriteBits((ulong)_plan.Width, WidthBits);
        if (_plan.Width > 0)
        {
            writer.WriteBits((ulong)_plan.RiceParameter, RiceParameterBits);
        }
    }

    /// <summary>Writes what the column codes for sample <paramref name="index"/> (nothing for the samples its header holds).</summary>
    /// <param name="writer">Where to.</param>
    /// <param name="index">The sample's position, from 1.</param>
    public void WriteSample(BitWriter writer, int index)
    {
        var at = index - _plan.FirstCoded;
        if (at >= 0 && _plan.Width > 0)
        {
            EscapedRiceCode.Write(writer, _plan.Codes[at], _plan.RiceParameter, _plan.Width);
        }
    }

    /// <summary>Bits <see cref="BitWriter.WriteVarUInt"/> spends on <paramref name="value"/>.</summary>
    /// <param name="value">The number.</param>
    /// <returns>7 per started group of 6 bits, at least 7.</returns>
    internal static int VarBits(ulong value) => 7 * Math.Max(1, (64 - BitOperations.LeadingZeroCount(value) + 5) / 6);

    // The gcd of |x_i - x_0|; 0 when all are equal. A step beyond long.MaxValue (only 2^63 is possible) is not worth
    // special arithmetic: 1 does just as well for such data.
    private static ulong CommonStep(ReadOnlySpan<long> numbers)
    {
        ulong step = 0;
        for (var i = 1; i < numbers.Length && step != 1; i++)
        {
            var difference = unchecked(numbers[i] - numbers[0]);
            var magnitude = difference < 0 ? unchecked((ulong)-difference) : (ulong)difference;
            step = GreatestCommonDivisor(step, magnitude);
        }

        return step > long.MaxValue ? 1 : step;
    }

    private static ulong GreatestCommonDivisor(ulong a, ulong b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static ColumnPlan Plan(ColumnOrder order, long[] multiples)
    {
        var firstCoded = order == ColumnOrder.DeltasOfDeltas ? 2 : 1;
        var slope = order switch
        {
            ColumnOrder.DeltasOfDeltas => unchecked(multiples[1] - multiples[0]),
            ColumnOrder.Line => MedianDelta(multiples),
            _ => 0,
        };
        var residuals = new long[multiples.Length - firstCoded];
        for (var i = firstCoded; i < multiples.Length; i++)
        {
            residuals[i - firstCoded] = unchecked(order switch
            {
                ColumnOrder.Values => multiples[i],
                ColumnOrder.Deltas => multiples[i] - multiples[i - 1],
                ColumnOrder.DeltasOfDeltas => multiples[i] - (2 * multiples[i - 1]) + multiples[i - 2],
                _ => multiples[i] - (i * slope),
            });
        }

        var @base = Median(residuals);
        var codes = new ulong[residuals.Length];
        var width = 0;
        for (var i = 0; i < residuals.Length; i++)
        {
            codes[i] = ZigZag.Encode(unchecked(residuals[i] - @base));
            width = Math.Max(width, 64 - BitOperations.LeadingZeroCount(codes[i]));
        }

        var plan = new ColumnPlan(order, @base, slope, firstCoded, codes, width, 0, 0);
        var (riceParameter, codeBits) = BestRiceParameter(codes, width);
        var headerBits = OrderBits + VarBits(ZigZag.Encode(@base)) + WidthBits + (width > 0 ? RiceParameterBits : 0)
            + (plan.HasSlope ? VarBits(ZigZag.Encode(slope)) : 0);
        return plan with { RiceParameter = riceParameter, Bits = headerBits + codeBits };
    }

    private static long MedianDelta(long[] multiples)
    {
        var deltas = new long[multiples.Length - 1];
        for (var i = 1; i < multiples.Length; i++)
        {
            deltas[i - 1] = unchecked(multiples[i] - multiples[i - 1]);
        }

        return Median(deltas);
    }

    private static long Median(long[] values)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = (long[])values.Clone();
        Array.Sort(sorted);
        return sorted[(sorted.Length - 1) / 2];
    }

    private static (int Parameter, long Bits) BestRiceParameter(ulong[] codes, int width)
    {
        if (width == 0)
        {
            return (0, 0);
        }

        var best = (Parameter: 0, Bits: long.MaxValue);
        for (var k = 0; k <= Math.Min(width, 63); k++)
        {
            long bits = 0;
            foreach (var code in codes)
            {
                bits += EscapedRiceCode.Cost(code, k, width);
            }

            if (bits < best.Bits)
            {
                best = (k, bits);
            }
        }

        return best;
    }
}
