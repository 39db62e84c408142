using Dashboard.Abstractions;

namespace Dashboard.Plugins.PrometheusScrape.Exposition;

/// <summary>
/// The labels a scrape target adds to its samples (<c>instance</c> and the configured ones), and how they meet the
/// sample's own, as Prometheus's <c>honor_labels</c> decides.
/// </summary>
internal sealed class TargetLabels
{
    private const string ExportedPrefix = "exported_";

    public TargetLabels(Label[] labels, bool honorLabels)
    {
        Labels = labels;
        HonorLabels = honorLabels;
    }

    /// <summary>The target's own labels, written on its <c>up</c> and <c>scrape_*</c> samples too.</summary>
    public Label[] Labels { get; }

    /// <summary>Whether a scraped label wins a clash with a target label (else it is kept as <c>exported_&lt;name&gt;</c>).</summary>
    public bool HonorLabels { get; }

    /// <summary>
    /// The labels of a sample whose own are <paramref name="scraped"/>. With <see cref="HonorLabels"/>, a scraped label
    /// replaces the target's of the same name. Without, the target's wins and the scraped one is renamed
    /// <c>exported_&lt;name&gt;</c>, prefixed again while that name is taken too.
    /// </summary>
    public Label[] Merge(List<Label> scraped)
    {
        var merged = new List<Label>(Labels.Length + scraped.Count);
        if (HonorLabels)
        {
            merged.AddRange(scraped);
            foreach (var label in Labels)
            {
                if (IndexOf(scraped, label.Name) < 0)
                {
                    merged.Add(label);
                }
            }

            return [.. merged];
        }

        merged.AddRange(Labels);
        foreach (var label in scraped)
        {
            if (IndexOf(Labels, label.Name) < 0)
            {
                merged.Add(label);
                continue;
            }

            var name = ExportedPrefix + label.Name;
            while (IndexOf(Labels, name) >= 0 || IndexOf(scraped, name) >= 0)
            {
                name = ExportedPrefix + name;
            }

            merged.Add(label with { Name = name });
        }

        return [.. merged];
    }

    private static int IndexOf(IReadOnlyList<Label> labels, string name)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
