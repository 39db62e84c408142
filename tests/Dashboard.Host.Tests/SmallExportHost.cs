namespace Dashboard.Host.Tests;

/// <summary>
/// Three selected series (one lacking <c>host</c>, one with a label called <c>value</c> whose value needs CSV quoting,
/// one holding NaN and both infinities), one series no selector matches, and one sample after the queried range.
/// </summary>
public sealed class SmallExportHost : ExportHost
{
    /// <summary>The queried range's end: an hour after <see cref="ExportHost.T0"/>.</summary>
    public const long End = T0 + 3_600_000;

    /// <summary>The selected series in the order the export lists them (by labels).</summary>
    internal static readonly ExportedSeries[] Selected =
    [
        new(Labels("export_other", ("job", "y"), ("value", "quoted \"v\", ok")),
            "export_other{job=\"y\",value=\"quoted \\\"v\\\", ok\"}",
            [.. Enumerable.Range(0, 10).Select(i => (T0 + (i * 60_000L), -1.0 - i))]),
        new(Labels("export_test", ("host", "a"), ("job", "x")),
            "export_test{host=\"a\",job=\"x\"}",
            [.. Enumerable.Range(0, 100).Select(i => (T0 + (i * 15_000L), i switch
            {
                10 => double.NaN,
                20 => double.PositiveInfinity,
                30 => double.NegativeInfinity,
                _ => i * 0.5,
            }))]),
        new(Labels("export_test", ("job", "x")),
            "export_test{job=\"x\"}",
            [.. Enumerable.Range(0, 50).Select(i => (T0 + (i * 15_000L) + 5_000, (double)i))]),
    ];

    /// <summary>The selectors: the second selects the same series as the first (they must come out once).</summary>
    public const string Query = "match[]=export_test&match[]=%7Bjob%3D%22x%22%7D&match[]=export_other"
        + "&start=2024-05-01T12:00:00Z&end=1714568400.000";

    /// <summary>A sample of the second series past <see cref="End"/>.</summary>
    public const long Late = T0 + 7_200_000;

    protected override void Seed()
    {
        foreach (var series in Selected)
        {
            Append(series);
        }

        Append(Selected[1].Labels, Late, 1000);
        Append(Labels("unrelated", ("job", "z")), T0, 1);
    }
}
