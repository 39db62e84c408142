using Dashboard.Abstractions;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Query.Evaluation;

/// <summary>The label-set edits PromQL makes: dropping the metric name, keeping or removing some names, setting one.
/// Every label set is an array sorted by name; the results are too.</summary>
internal static class LabelSets
{
    public static readonly Label[] Empty = [];

    /// <summary>The labels without <c>__name__</c> (the same array when it has none).</summary>
    public static Label[] DropMetricName(Label[] labels) =>
        Array.FindIndex(labels, l => l.Name == LabelNames.MetricName) < 0
            ? labels
            : Array.FindAll(labels, l => l.Name != LabelNames.MetricName);

    /// <summary>Only the labels named.</summary>
    public static Label[] Keep(Label[] labels, IReadOnlyCollection<string> names) =>
        Array.FindAll(labels, l => names.Contains(l.Name));

    /// <summary>The labels except those named, and except <c>__name__</c>.</summary>
    public static Label[] Without(Label[] labels, IReadOnlyCollection<string> names) =>
        Array.FindAll(labels, l => l.Name != LabelNames.MetricName && !names.Contains(l.Name));

    /// <summary>The value of a label, or "" when the set has none (PromQL treats both alike).</summary>
    public static string Get(Label[] labels, string name)
    {
        foreach (var label in labels)
        {
            if (label.Name == name)
            {
                return label.Value;
            }
        }

        return string.Empty;
    }

    /// <summary>The labels with one set to a value, or removed when the value is empty.</summary>
    public static Label[] With(Label[] labels, string name, string value)
    {
        var kept = new List<Label>(labels.Length + 1);
        var placed = value.Length == 0;
        foreach (var label in labels)
        {
            var order = string.CompareOrdinal(label.Name, name);
            if (order == 0)
            {
                continue;
            }

            if (order > 0 && !placed)
            {
                kept.Add(new Label(name, value));
                placed = true;
            }

            kept.Add(label);
        }

        if (!placed)
        {
            kept.Add(new Label(name, value));
        }

        return [.. kept];
    }

    /// <summary>The labels in PromQL's text form, <c>{a="1", b="2"}</c>, for error messages.</summary>
    public static string Format(Label[] labels) =>
        "{" + string.Join(", ", labels.Select(l => $"{l.Name}=\"{l.Value}\"")) + "}";
}
