using System.Globalization;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>Reads values out of Prometheus's own <c>/metrics</c> text exposition.</summary>
internal static class PrometheusMetricsText
{
    /// <summary>
    /// The sum over every series of metric <paramref name="name"/>, e.g. both <c>type</c>s of
    /// <c>prometheus_tsdb_head_samples_appended_total</c>; NaN when the metric is absent.
    /// </summary>
    public static double Sum(string exposition, string name)
    {
        var sum = 0.0;
        var found = false;
        foreach (var range in exposition.AsSpan().Split('\n'))
        {
            var line = exposition.AsSpan()[range];
            if (line.Length <= name.Length || !line.StartsWith(name, StringComparison.Ordinal) || line[name.Length] is not ('{' or ' '))
            {
                continue;
            }

            // Prometheus writes no timestamps on its own metrics, so the value is the last field.
            var value = line[(line.LastIndexOf(' ') + 1)..];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                sum += number;
                found = true;
            }
        }

        return found ? sum : double.NaN;
    }
}
