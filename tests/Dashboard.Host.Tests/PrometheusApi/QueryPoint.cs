using System.Globalization;

namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>One point of a query answer: its time (Unix seconds, exact as written) and its value as written.</summary>
/// <param name="Time">The time, read as a decimal so that it compares exactly.</param>
/// <param name="Text">The value as Prometheus writes it: <c>"1.5"</c>, <c>"NaN"</c>, <c>"+Inf"</c>, or a string result.</param>
internal readonly record struct QueryPoint(decimal Time, string Text)
{
    /// <summary>The relative tolerance two values may differ by.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>
    /// Whether two values agree: equal texts; or both numbers within <see cref="Tolerance"/> relative, NaN equal to NaN,
    /// an infinity equal only to the same infinity.
    /// </summary>
    public static bool SameValue(string expected, string actual)
    {
        if (expected == actual)
        {
            return true;
        }

        if (!TryNumber(expected, out var e) || !TryNumber(actual, out var a))
        {
            return false;
        }

        if (double.IsNaN(e) || double.IsNaN(a) || double.IsInfinity(e) || double.IsInfinity(a))
        {
            return e.Equals(a);
        }

        return Math.Abs(e - a) <= Tolerance * Math.Max(Math.Abs(e), Math.Abs(a));
    }

    public override string ToString() => $"[{Time.ToString(CultureInfo.InvariantCulture)}, \"{Text}\"]";

    private static bool TryNumber(string text, out double value)
    {
        switch (text)
        {
            case "NaN":
                value = double.NaN;
                return true;
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
