using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>Reads the durations Go prints (<c>time.Duration.String()</c>): <c>1m2.5s</c>, <c>297.46ms</c>, <c>50.4µs</c>.</summary>
internal static partial class GoDuration
{
    public static TimeSpan Parse(string text)
    {
        var seconds = 0.0;
        var matched = 0;
        foreach (Match part in Part().Matches(text))
        {
            matched += part.Length;
            var number = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            seconds += number * part.Groups[2].Value switch
            {
                "h" => 3600,
                "m" => 60,
                "s" => 1,
                "ms" => 1e-3,
                "µs" or "us" => 1e-6,
                _ => 1e-9,
            };
        }

        return matched == text.Length && matched > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"'{text}' is not a Go duration.");
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(h|ms|m|s|µs|us|ns)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
