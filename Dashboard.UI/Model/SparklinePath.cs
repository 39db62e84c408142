using System.Globalization;
using System.Text;

namespace Dashboard.UI.Model;

/// <summary>
/// The SVG path of a sparkline: points scaled into a width × height box (time left to right, the lowest value at the
/// bottom), the line broken where the data is missing (a gap wider than <c>maxGapMs</c>, or a value that is NaN or
/// infinite) rather than drawn across it. A flat series is a line through the middle; a lone point a short dash.
/// </summary>
public static class SparklinePath
{
    /// <summary>Builds the path's <c>d</c> attribute.</summary>
    /// <param name="points">The points, time ascending (Unix ms).</param>
    /// <param name="startMs">The time at the left edge.</param>
    /// <param name="endMs">The time at the right edge.</param>
    /// <param name="width">The box's width.</param>
    /// <param name="height">The box's height.</param>
    /// <param name="maxGapMs">Points further apart than this are not joined.</param>
    /// <returns>The path, or empty when no point has a finite value.</returns>
    public static string Build(IReadOnlyList<SparkPoint> points, long startMs, long endMs, double width, double height, long maxGapMs)
    {
        ArgumentNullException.ThrowIfNull(points);
        var (min, max) = Range(points);
        if (min > max)
        {
            return "";
        }

        var span = Math.Max(1, endMs - startMs);
        var path = new StringBuilder();
        var segmentStart = -1;
        long previousTime = 0;
        for (var i = 0; i <= points.Count; i++)
        {
            var breaks = i == points.Count || !double.IsFinite(points[i].Value)
                || (segmentStart >= 0 && points[i].TimeMs - previousTime > maxGapMs);
            if (breaks && segmentStart >= 0)
            {
                AppendSegment(path, points, segmentStart, i, x: p => (p.TimeMs - startMs) * width / span, y: p => Y(p.Value, min, max, height));
                segmentStart = -1;
            }

            if (i < points.Count && double.IsFinite(points[i].Value))
            {
                segmentStart = segmentStart < 0 ? i : segmentStart;
                previousTime = points[i].TimeMs;
            }
        }

        return path.ToString().TrimEnd();
    }

    private static (double Min, double Max) Range(IReadOnlyList<SparkPoint> points)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var point in points)
        {
            if (double.IsFinite(point.Value))
            {
                min = Math.Min(min, point.Value);
                max = Math.Max(max, point.Value);
            }
        }

        return (min, max);
    }

    // A small margin keeps the stroke of the extremes inside the box.
    private static double Y(double value, double min, double max, double height)
    {
        const double Margin = 1;
        return max == min ? height / 2 : Margin + ((max - value) / (max - min) * (height - (2 * Margin)));
    }

    private static void AppendSegment(StringBuilder path, IReadOnlyList<SparkPoint> points, int start, int end,
        Func<SparkPoint, double> x, Func<SparkPoint, double> y)
    {
        for (var i = start; i < end; i++)
        {
            path.Append(i == start ? 'M' : 'L').Append(Number(x(points[i]))).Append(' ').Append(Number(y(points[i]))).Append(' ');
        }

        if (end - start == 1)
        {
            path.Append("h1 ");
        }
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
