using Dashboard.Core.Storage;

namespace Dashboard.Core.Export;

/// <summary>
/// The columns of an export, fixed before the first row is written (a streamed file has one schema for all its
/// blocks): <c>timestamp</c>, <c>value</c>, <c>series</c>, then one column per label name found in any of the
/// selected series, <c>__name__</c> included, sorted ordinally. A series lacking a label has null there.
/// </summary>
public sealed class ExportColumns
{
    /// <summary>The name of the timestamp column (milliseconds, UTC).</summary>
    public const string TimestampColumn = "timestamp";

    /// <summary>The name of the value column.</summary>
    public const string ValueColumn = "value";

    /// <summary>The name of the series column: the series' name as <c>name{a="1"}</c>.</summary>
    public const string SeriesColumn = "series";

    /// <summary>
    /// What a label column is called when its label shares a name with a fixed column (a label may be called
    /// <c>value</c>): a colon cannot occur in a label name, so the prefixed name collides with nothing.
    /// </summary>
    public const string CollidingLabelPrefix = "label:";

    private readonly string?[][] _labelValues;

    private ExportColumns(string[] labelNames, string[] labelColumns, string[] seriesNames, string?[][] labelValues)
    {
        LabelNames = labelNames;
        LabelColumns = labelColumns;
        SeriesNames = seriesNames;
        _labelValues = labelValues;
    }

    /// <summary>The label names, one per label column, in column order.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>The names of the label columns: the label names, prefixed where one would collide with a fixed column.</summary>
    public IReadOnlyList<string> LabelColumns { get; }

    /// <summary>Each series' name, by series index.</summary>
    public IReadOnlyList<string> SeriesNames { get; }

    /// <summary>The layout for some series.</summary>
    /// <param name="series">The selected series.</param>
    /// <returns>The columns.</returns>
    public static ExportColumns Of(IReadOnlyList<SelectedSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var names = series.SelectMany(s => s.Labels.Select(l => l.Name)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var columns = names.Select(n => n is TimestampColumn or ValueColumn or SeriesColumn ? CollidingLabelPrefix + n : n).ToArray();
        var values = new string?[names.Length][];
        for (var c = 0; c < names.Length; c++)
        {
            values[c] = new string?[series.Count];
            for (var s = 0; s < series.Count; s++)
            {
                var label = Array.Find(series[s].Labels, l => l.Name == names[c]);
                values[c][s] = label.Value;
            }
        }

        return new ExportColumns(names, columns, [.. series.Select(s => s.ToString())], values);
    }

    /// <summary>A series' value in a label column.</summary>
    /// <param name="column">The label column's index in <see cref="LabelColumns"/>.</param>
    /// <param name="series">The series' index.</param>
    /// <returns>The value, or <see langword="null"/> when the series lacks the label.</returns>
    public string? LabelValue(int column, int series) => _labelValues[column][series];
}
