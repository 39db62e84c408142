using System.Globalization;

namespace Dashboard.UI.Model;

/// <summary>Sizes, durations and values as the pages print them: short, in the unit a person reads at a glance.</summary>
public static class Quantities
{
    private static readonly string[] ByteUnits = ["B", "KiB", "MiB", "GiB", "TiB"];

    /// <summary>A byte count in binary units: "512 B", "3.4 MiB".</summary>
    /// <param name="bytes">The count.</param>
    /// <returns>The text.</returns>
    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < ByteUnits.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {ByteUnits[unit]}");
    }

    /// <summary>A duration in its two largest units: "3 d 4 h", "5 min 3 s", "42 s".</summary>
    /// <param name="span">The duration.</param>
    /// <returns>The text.</returns>
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h"),
        { TotalHours: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.Hours} h {span.Minutes} min"),
        { TotalMinutes: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min {span.Seconds} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s"),
    };

    /// <summary>A sample value with four significant digits.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text ("NaN", "+Inf" as Prometheus writes them).</returns>
    public static string Value(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("G4", CultureInfo.InvariantCulture),
    };
}
