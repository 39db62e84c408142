using System.Buffers;
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

    /// <summary>Bits of the width field.</summary>
    public const int WidthBits = 7;

    /// <summary>Bits of the Rice parameter field.</summary>
    public const int RiceParameterBits = 6;

    private readonly long _first;
    private readonly ulong _step;
    private readonly long[] _multiples;
    private readonly ColumnPlan _plan;

    /// <summary>Plans the column of <paramref name="numbers"/>.</summary>
    /// <param name="numbers">One number per sample; at least one.</param>
    public IntegerColumnEncoder(ReadOnlySpan<long> numbers)
    {
        _first = numbers[0];
        _step = CommonStep(numbers);
        if (_step == 0)
        {
            _multiples = [];
            _plan = new ColumnPlan(ColumnOrder.Constant, 0, 0, 0, 0, OrderBits);
            return;
        }

        _multiples = new long[numbers.Length];
        for (var i = 0; i < numbers.Length; i++)
        {
            var difference = unchecked(numbers[i] - _first);
            _multiples[i] = _step == 1 ? difference : difference / (long)_step;
        }

        var scratch = ArrayPool<long>.Shared.Rent(numbers.Length);
        try
        {
            _plan = Plan(ColumnOrder.Values, 0, scratch);
            var deltas = Plan(ColumnOrder.Deltas, 0, scratch);
            _plan = Cheaper(_plan, deltas);

            // The line's slope is the median difference: the base the deltas' plan already found.
            _plan = Cheaper(_plan, Plan(ColumnOrder.Line, deltas.Base, scratch));
            if (numbers.Length >= 3)
            {
                _plan = Cheaper(_plan, Plan(ColumnOrder.DeltasOfDeltas, unchecked(_multiples[1] - _multiples[0]), scratch));
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(scratch);
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
        if (_plan.Width > 0 && index >= _plan.FirstCoded)
        {
            var code = ZigZag.Encode(unchecked(Residual(_plan.Order, _plan.Slope, index) - _plan.Base));
            EscapedRiceCode.Write(writer, code, _plan.RiceParameter, _plan.Width);
        }
    }

    /// <summary>Bits <see cref="BitWriter.WriteVarUInt"/> spends on <paramref name="value"/>.</summary>
    /// <param name="value">The number.</param>
    /// <returns>7 per started group of 6 bits, at least 7.</returns>
    internal static int VarBits(ulong value) => 7 * Math.Max(1, (BitLength(value) + 5) / 6);

    private static int BitLength(ulong value) => 64 - BitOperations.LeadingZeroCount(value);

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

    private long Residual(ColumnOrder order, long slope, int i)
    {
        var y = _multiples;
        return unchecked(order switch
        {
            ColumnOrder.Values => y[i],
            ColumnOrder.Deltas => y[i] - y[i - 1],
            ColumnOrder.DeltasOfDeltas => y[i] - (2 * y[i - 1]) + y[i - 2],
            _ => y[i] - (i * slope),
        });
    }

    private static ColumnPlan Cheaper(ColumnPlan a, ColumnPlan b) => b.Bits < a.Bits ? b : a;

    // The cost of a code does not depend on its position, so the residuals are gathered in any order into scratch.
    private ColumnPlan Plan(ColumnOrder order, long slope, long[] scratch)
    {
        var residuals = FillResiduals(order, slope, scratch);
        var @base = LongSelection.Median(residuals);
        Span<int> lengthCounts = stackalloc int[65];
        var width = 0;
        foreach (ref var residual in residuals)
        {
            var code = ZigZag.Encode(unchecked(residual - @base));
            residual = (long)code;
            var length = BitLength(code);
            lengthCounts[length]++;
            width = Math.Max(width, length);
        }

        var (riceParameter, codeBits) = BestRiceParameter(residuals, lengthCounts, width);
        var plan = new ColumnPlan(order, @base, slope, width, riceParameter, 0);
        var headerBits = OrderBits + VarBits(ZigZag.Encode(@base)) + WidthBits + (width > 0 ? RiceParameterBits : 0)
            + (plan.HasSlope ? VarBits(ZigZag.Encode(slope)) : 0);
        return plan with { Bits = headerBits + codeBits };
    }

    // One loop per order rather than a switch per element: planning runs over every sample four times.
    private Span<long> FillResiduals(ColumnOrder order, long slope, long[] scratch)
    {
        var y = _multiples;
        var first = order == ColumnOrder.DeltasOfDeltas ? 2 : 1;
        var residuals = scratch.AsSpan(0, y.Length - first);
        unchecked
        {
            switch (order)
            {
                case ColumnOrder.Values:
                    y.AsSpan(1).CopyTo(residuals);
                    break;
                case ColumnOrder.Deltas:
                    for (var i = 1; i < y.Length; i++)
                    {
                        residuals[i - 1] = y[i] - y[i - 1];
                    }

                    break;
                case ColumnOrder.DeltasOfDeltas:
                    for (var i = 2; i < y.Length; i++)
                    {
                        residuals[i - 2] = y[i] - (2 * y[i - 1]) + y[i - 2];
                    }

                    break;
                default:
                    for (var i = 1; i < y.Length; i++)
                    {
                        residuals[i - 1] = y[i] - (i * slope);
                    }

                    break;
            }
        }

        return residuals;
    }

    // The best k lies near the median code length: its two neighbours below are costed with it in one pass, instead
    // of trying all sixty-five.
    private static (int Parameter, long Bits) BestRiceParameter(Span<long> codes, Span<int> lengthCounts, int width)
    {
        if (width == 0)
        {
            return (0, 0);
        }

        var medianLength = 0;
        for (int seen = 0, half = (codes.Length + 1) / 2; medianLength < 64; medianLength++)
        {
            seen += lengthCounts[medianLength];
            if (seen >= half)
            {
                break;
            }
        }

        var high = Math.Min(medianLength, Math.Min(width, 63));
        var middle = Math.Max(0, high - 1);
        var low = Math.Max(0, high - 2);
        long highBits = 0, middleBits = 0, lowBits = 0;
        foreach (var code in codes)
        {
            highBits += EscapedRiceCode.Cost((ulong)code, high, width);
            middleBits += EscapedRiceCode.Cost((ulong)code, middle, width);
            lowBits += EscapedRiceCode.Cost((ulong)code, low, width);
        }

        return lowBits <= middleBits && lowBits <= highBits ? (low, lowBits)
            : middleBits <= highBits ? (middle, middleBits)
            : (high, highBits);
    }
}
