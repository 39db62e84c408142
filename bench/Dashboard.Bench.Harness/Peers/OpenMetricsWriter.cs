using System.Globalization;
using System.Text;
using Dashboard.Bench.Harness.StorageData;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>
/// Writes samples as the OpenMetrics text that <c>promtool tsdb create-blocks-from openmetrics</c> reads: one
/// <c>name{labels} value seconds.millis</c> line per sample and a closing <c># EOF</c> (without it promtool refuses the
/// file). No <c># TYPE</c> lines: promtool stores samples the same either way. promtool 2.42 appends each sample as it
/// reads it and silently drops one older than its series' last, so each series must come oldest first (P1 checks the
/// block's sample count against ours); families may interleave.
/// </summary>
internal static class OpenMetricsWriter
{
    /// <returns>How many samples were written.</returns>
    public static long Write(IEnumerable<BenchSample> samples, string path)
    {
        var prefixes = new Dictionary<BenchSeries, string>(ReferenceEqualityComparer.Instance);
        var count = 0L;
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        Span<char> number = stackalloc char[32];
        foreach (var sample in samples)
        {
            if (!prefixes.TryGetValue(sample.Series, out var prefix))
            {
                prefix = Prefix(sample.Series);
                prefixes.Add(sample.Series, prefix);
            }

            writer.Write(prefix);
            writer.Write(FormatValue(sample.Value, number));
            writer.Write(' ');
            // Whole seconds, then exactly three digits of milliseconds: promtool multiplies by 1000 and truncates, and a
            // decimal of three places always lands back on the same millisecond at today's magnitudes (checked over
            // every millisecond of hours around the data sets' times).
            writer.Write(Math.DivRem(sample.TimestampMs, 1000, out var millis).ToString(CultureInfo.InvariantCulture));
            writer.Write('.');
            writer.Write(millis.ToString("D3", CultureInfo.InvariantCulture));
            writer.Write('\n');
            count++;
        }

        writer.Write("# EOF\n");
        return count;
    }

    private static string Prefix(BenchSeries series)
    {
        var text = new StringBuilder(series.MetricName);
        var first = true;
        foreach (var label in series.Labels)
        {
            if (label.Name == BenchSeries.MetricNameLabel)
            {
                continue;
            }

            text.Append(first ? '{' : ',').Append(label.Name).Append("=\"");
            foreach (var c in label.Value)
            {
                _ = c switch
                {
                    '\\' => text.Append(@"\\"),
                    '"' => text.Append("\\\""),
                    '\n' => text.Append(@"\n"),
                    _ => text.Append(c),
                };
            }

            text.Append('"');
            first = false;
        }

        return text.Append(first ? " " : "} ").ToString();
    }

    private static ReadOnlySpan<char> FormatValue(double value, Span<char> buffer)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        // "R": the shortest text that parses back to the same double.
        return value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture)
            ? buffer[..written]
            : value.ToString("R", CultureInfo.InvariantCulture);
    }
}
