using Dashboard.Abstractions;
using Dashboard.Bench.Harness.StorageData;

namespace Dashboard.Bench.Harness.Ours;

/// <summary>A benchmark series' labels in the form our store takes them.</summary>
internal static class StoreLabels
{
    /// <summary>The labels, sorted by name, <c>__name__</c> included, sharing the generator's strings.</summary>
    public static Label[] Of(BenchSeries series) => [.. series.Labels.Select(l => new Label(l.Name, l.Value))];

    /// <summary>
    /// The same labels in strings of their own. A server decodes a new series' labels from a request into new
    /// strings that only its store keeps; a store fed the generator's strings would look smaller than it is.
    /// </summary>
    public static Label[] Copy(ReadOnlySpan<Label> labels)
    {
        var copy = new Label[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            copy[i] = new Label(new string(labels[i].Name.AsSpan()), new string(labels[i].Value.AsSpan()));
        }

        return copy;
    }
}
