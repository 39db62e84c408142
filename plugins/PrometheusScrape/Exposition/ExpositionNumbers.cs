using System.Globalization;
using System.Text;

namespace Dashboard.Plugins.PrometheusScrape.Exposition;

/// <summary>Sample values and timestamps as both formats write them, parsed from UTF-8 without allocating.</summary>
internal static class ExpositionNumbers
{
    // What DateTimeOffset can hold: a timestamp beyond it could not be written.
    private const long MinTimestampMs = -62_135_596_800_000;
    private const long MaxTimestampMs = 253_402_300_799_999;

    // Decimal and exponent notation only: no thousands separators, no white space (tokens are split on blanks already).
    private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>
    /// A sample value: a decimal float, or <c>+Inf</c>, <c>-Inf</c>, <c>Inf</c>, <c>NaN</c> in any case (Go's
    /// <c>ParseFloat</c>, which Prometheus uses, also takes <c>infinity</c>).
    /// </summary>
    public static bool TryParseValue(ReadOnlySpan<byte> text, out double value)
    {
        if (text.IsEmpty)
        {
            value = 0;
            return false;
        }

        if (double.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var sign = text[0] == '-' ? -1.0 : 1.0;
        var unsigned = text[0] is (byte)'-' or (byte)'+' ? text[1..] : text;
        if (Ascii.EqualsIgnoreCase(unsigned, "inf"u8) || Ascii.EqualsIgnoreCase(unsigned, "infinity"u8))
        {
            value = sign * double.PositiveInfinity;
            return true;
        }

        if (unsigned.Length == text.Length && Ascii.EqualsIgnoreCase(text, "nan"u8))
        {
            value = double.NaN;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>A text-format timestamp: integer milliseconds since the epoch, possibly negative.</summary>
    public static bool TryParseMilliseconds(ReadOnlySpan<byte> text, out long milliseconds) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out milliseconds)
        && milliseconds is >= MinTimestampMs and <= MaxTimestampMs;

    /// <summary>
    /// An OpenMetrics timestamp: seconds since the epoch, a float, rounded to the millisecond (a truncation would
    /// turn <c>1.001</c>, stored as 1.00099…, into 1000 ms).
    /// </summary>
    public static bool TryParseSeconds(ReadOnlySpan<byte> text, out long milliseconds)
    {
        milliseconds = 0;
        if (!double.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds))
        {
            return false;
        }

        var ms = Math.Round(seconds * 1000);
        if (ms is < MinTimestampMs or > MaxTimestampMs)
        {
            return false;
        }

        milliseconds = (long)ms;
        return true;
    }
}
