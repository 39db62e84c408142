using System.Globalization;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>
/// The machine-readable result: <c>measure kind value unit</c> on standard output, one line each, nothing else there
/// (progress goes to standard error), so a script can append the output to its results file as it is.
/// </summary>
internal static class ResultLine
{
    public static void Write(string measure, string kind, double value, string unit) =>
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{measure} {kind} {value:0.######} {unit}"));

    /// <summary>Progress for the person watching, kept off standard output.</summary>
    public static void Note(string text) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {text}"));
}
