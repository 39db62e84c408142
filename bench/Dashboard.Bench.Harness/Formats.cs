using System.Globalization;

namespace Dashboard.Bench.Harness;

/// <summary>Number formats shared by the result tables.</summary>
internal static class Formats
{
    /// <summary>A change in percent with its sign, one decimal, and no "-0.0" for a change that rounds to nothing.</summary>
    public static string SignedPercent(double percent)
    {
        var rounded = Math.Round(percent, 1);
        return rounded == 0 ? "0.0 %" : rounded.ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %";
    }
}
