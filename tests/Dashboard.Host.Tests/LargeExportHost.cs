using Dashboard.Abstractions;

namespace Dashboard.Host.Tests;

/// <summary>
/// 300,000 samples: 50 series of 6,000 samples 10 s apart (16 h 40 min, so the head is cut into blocks on the way and
/// the export reads blocks and head alike), appended in time order as a scrape would.
/// </summary>
public sealed class LargeExportHost : ExportHost
{
    public const int SeriesCount = 50;

    public const int SamplesPerSeries = 6_000;

    public const int Rows = SeriesCount * SamplesPerSeries;

    public const string Query = "match[]=export_large&start=1714564800&end=1714684800";

    /// <summary>11 of the series: more than one block of rows, a fifth of the whole.</summary>
    public const string WarmUpQuery = "match[]=export_large%7Bcpu%3D~%221.*%22%7D";

    /// <summary>The sum of all values (compared with a tolerance: readers may add in another order).</summary>
    public static double Sum { get; } = Enumerable.Range(0, SeriesCount)
        .SelectMany(s => Enumerable.Range(0, SamplesPerSeries).Select(i => Value(s, i)))
        .Aggregate(0.0, (sum, v) => sum + v);

    public static Label[] SeriesLabels(int series) => Labels("export_large",
        ("cpu", series.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("instance", $"node-{series:00}.example.internal:9100"),
        ("job", "node-exporter"),
        ("mode", "idle"));

    public static double Value(int series, int index) => Math.Round((Math.Sin(index / 50.0) * 100) + series, 3);

    protected override void Seed()
    {
        var labels = Enumerable.Range(0, SeriesCount).Select(SeriesLabels).ToArray();
        for (var i = 0; i < SamplesPerSeries; i++)
        {
            for (var s = 0; s < SeriesCount; s++)
            {
                Append(labels[s], T0 + (i * 10_000L), Value(s, i));
            }
        }
    }
}
