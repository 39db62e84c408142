namespace Dashboard.Core.Query.Functions;

/// <summary>
/// The functions that map each sample's value on its own (<c>abs</c>, <c>ceil</c>, <c>round</c>, <c>clamp</c>, …),
/// with Prometheus 2.42's edge cases: <c>round</c> rounds halves up and to a multiple of <c>to_nearest</c>,
/// <c>clamp</c> with min above max yields no sample, a NaN bound or value yields NaN.
/// </summary>
public static class ValueFunctions
{
    /// <summary>The one-argument functions by PromQL name.</summary>
    public static IReadOnlyDictionary<string, Func<double, double>> Unary { get; } = new Dictionary<string, Func<double, double>>(StringComparer.Ordinal)
    {
        ["abs"] = Math.Abs,
        ["ceil"] = Math.Ceiling,
        ["floor"] = Math.Floor,
        ["exp"] = Math.Exp,
        ["sqrt"] = Math.Sqrt,
        ["ln"] = Math.Log,
        ["log2"] = Math.Log2,
        ["log10"] = Math.Log10,
        ["sgn"] = static v => v < 0 ? -1 : v > 0 ? 1 : v,
        ["acos"] = Math.Acos,
        ["acosh"] = Math.Acosh,
        ["asin"] = Math.Asin,
        ["asinh"] = Math.Asinh,
        ["atan"] = Math.Atan,
        ["atanh"] = Math.Atanh,
        ["cos"] = Math.Cos,
        ["cosh"] = Math.Cosh,
        ["sin"] = Math.Sin,
        ["sinh"] = Math.Sinh,
        ["tan"] = Math.Tan,
        ["tanh"] = Math.Tanh,
        ["deg"] = static v => v * 180 / Math.PI,
        ["rad"] = static v => v * Math.PI / 180,
    };

    /// <summary><c>round(v, to_nearest)</c>: halves go up, as Go's <c>math.Floor(v/n + 0.5) * n</c> with n's inverse.</summary>
    public static double Round(double value, double toNearest = 1)
    {
        // Dividing by the inverse rather than multiplying by n keeps 0.1-style steps exact, as Prometheus does.
        var inverse = 1 / toNearest;
        return Math.Floor((value * inverse) + 0.5) / inverse;
    }

    /// <summary>
    /// The calendar functions (<c>hour</c>, <c>day_of_week</c>, …) of a value read as Unix seconds, in UTC, as Go's
    /// <c>time.Unix(int64(v), 0).UTC()</c> reads it (fractions dropped).
    /// </summary>
    public static IReadOnlyDictionary<string, Func<DateTime, double>> Calendar { get; } = new Dictionary<string, Func<DateTime, double>>(StringComparer.Ordinal)
    {
        ["day_of_month"] = static t => t.Day,
        ["day_of_week"] = static t => (int)t.DayOfWeek,
        ["day_of_year"] = static t => t.DayOfYear,
        ["days_in_month"] = static t => DateTime.DaysInMonth(t.Year, t.Month),
        ["hour"] = static t => t.Hour,
        ["minute"] = static t => t.Minute,
        ["month"] = static t => t.Month,
        ["year"] = static t => t.Year,
    };

    /// <summary>A calendar function of a value of Unix seconds; NaN where the time has no calendar date here.</summary>
    public static double OnCalendar(Func<DateTime, double> part, double unixSeconds)
    {
        var seconds = Math.Truncate(unixSeconds);
        return double.IsFinite(seconds) && seconds is >= -62_135_596_800 and <= 253_402_300_799
            ? part(DateTime.UnixEpoch.AddSeconds(seconds))
            : double.NaN;
    }

    /// <summary><c>clamp(v, min, max)</c>; <see langword="null"/> (no sample) when min is above max.</summary>
    public static double? Clamp(double value, double min, double max) =>
        max < min ? null : GoMax(min, GoMin(max, value));

    /// <summary><c>clamp_min(v, min)</c>.</summary>
    public static double ClampMin(double value, double min) => GoMax(min, value);

    /// <summary><c>clamp_max(v, max)</c>.</summary>
    public static double ClampMax(double value, double max) => GoMin(max, value);

    // Go's math.Max and math.Min, which Prometheus calls: an infinity in the right direction wins even over a NaN
    // (.NET's answer NaN there), and +0 beats -0.
    private static double GoMax(double x, double y) =>
        double.IsPositiveInfinity(x) || double.IsPositiveInfinity(y) ? double.PositiveInfinity : Math.Max(x, y);

    private static double GoMin(double x, double y) =>
        double.IsNegativeInfinity(x) || double.IsNegativeInfinity(y) ? double.NegativeInfinity : Math.Min(x, y);
}
