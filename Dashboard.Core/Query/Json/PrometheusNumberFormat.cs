using System.Globalization;

namespace Dashboard.Core.Query.Json;

/// <summary>
/// Numbers as Prometheus's HTTP API writes them, so a client sees the same bytes from us as from Prometheus.
/// Timestamps: Unix seconds with the milliseconds as exactly three digits after the point, none when they are zero
/// (<c>1700000000</c>, <c>1700000000.050</c>). Values: Go's shortest round-trip form, fixed-point unless
/// |v| &lt; 1e-6 or |v| ≥ 1e21 (then <c>1e-07</c>, <c>1.5e+21</c>), and <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>.
/// </summary>
internal static class PrometheusNumberFormat
{
    /// <summary>Room for any timestamp or value this class writes (5e-324 in fixed point would need 326; it is written 'e').</summary>
    public const int MaxLength = 32;

    /// <summary>Writes a millisecond timestamp as seconds.</summary>
    /// <returns>Bytes written.</returns>
    public static int WriteTimestamp(long milliseconds, Span<byte> destination)
    {
        var written = 0;
        var magnitude = (ulong)milliseconds;
        if (milliseconds < 0)
        {
            destination[written++] = (byte)'-';
            magnitude = (ulong)-(milliseconds + 1) + 1;
        }

        var seconds = magnitude / 1000;
        var fraction = (int)(magnitude % 1000);
        seconds.TryFormat(destination[written..], out var digits, default, CultureInfo.InvariantCulture);
        written += digits;
        if (fraction != 0)
        {
            destination[written++] = (byte)'.';
            fraction.TryFormat(destination[written..], out digits, "D3", CultureInfo.InvariantCulture);
            written += digits;
        }

        return written;
    }

    /// <summary>Writes a sample value.</summary>
    /// <returns>Bytes written.</returns>
    public static int WriteValue(double value, Span<byte> destination)
    {
        if (double.IsNaN(value))
        {
            return Copy("NaN"u8, destination);
        }

        if (double.IsInfinity(value))
        {
            return Copy(value > 0 ? "+Inf"u8 : "-Inf"u8, destination);
        }

        // .NET's "R" is the shortest round-trip digits too; only where it puts the exponent differs from Go's choice.
        Span<byte> shortest = stackalloc byte[MaxLength];
        value.TryFormat(shortest, out var length, "R", CultureInfo.InvariantCulture);
        shortest = shortest[..length];
        var exponentAt = shortest.IndexOf((byte)'E');
        var magnitude = Math.Abs(value);
        if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21))
        {
            // Always exponent form here, with at least two exponent digits in both: only the letter's case differs.
            shortest.CopyTo(destination);
            destination[exponentAt] = (byte)'e';
            return length;
        }

        return exponentAt < 0 ? Copy(shortest, destination) : ExpandExponent(shortest, exponentAt, destination);
    }

    // "-1.2345E+17" → "-123450000000000000", "1.5E-06" → "0.0000015".
    private static int ExpandExponent(ReadOnlySpan<byte> shortest, int exponentAt, Span<byte> destination)
    {
        var written = 0;
        var mantissa = shortest[..exponentAt];
        if (mantissa[0] == (byte)'-')
        {
            destination[written++] = (byte)'-';
            mantissa = mantissa[1..];
        }

        Span<byte> digits = stackalloc byte[MaxLength];
        var digitCount = 0;
        foreach (var b in mantissa)
        {
            if (b != (byte)'.')
            {
                digits[digitCount++] = b;
            }
        }

        var exponent = int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = 1 + exponent;
        if (point <= 0)
        {
            destination[written++] = (byte)'0';
            destination[written++] = (byte)'.';
            destination.Slice(written, -point).Fill((byte)'0');
            written += -point;
            digits[..digitCount].CopyTo(destination[written..]);
            return written + digitCount;
        }

        if (point >= digitCount)
        {
            digits[..digitCount].CopyTo(destination[written..]);
            written += digitCount;
            destination.Slice(written, point - digitCount).Fill((byte)'0');
            return written + point - digitCount;
        }

        digits[..point].CopyTo(destination[written..]);
        written += point;
        destination[written++] = (byte)'.';
        digits[point..digitCount].CopyTo(destination[written..]);
        return written + digitCount - point;
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
