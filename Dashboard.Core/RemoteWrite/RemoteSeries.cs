using Dashboard.Core.Collection;
using Dashboard.Core.Storage;
using ProtoLabel = Dashboard.Core.RemoteWrite.Protocol.Label;

namespace Dashboard.Core.RemoteWrite;

/// <summary>
/// A series as remote_write sends it: its protobuf labels (<c>__name__</c> in its sorted place), built once and shared
/// by every request of every remote (messages are only read when serialised), and a hash that picks its shard.
/// </summary>
internal sealed class RemoteSeries
{
    private RemoteSeries(ProtoLabel[] labels, int hash)
    {
        Labels = labels;
        Hash = hash;
    }

    /// <summary>The labels, sorted by name, <c>__name__</c> included.</summary>
    public ProtoLabel[] Labels { get; }

    /// <summary>A hash of the labels; the same series always lands on the same shard.</summary>
    public int Hash { get; }

    /// <summary>The cached remote form of <paramref name="series"/>, built on first use.</summary>
    /// <remarks>Called from the ingestion thread only, which every sink shares.</remarks>
    public static RemoteSeries Of(Series series) => series.RemoteWriteSlot ??= Create(series.Metric, series.Labels);

    /// <summary>Builds the remote form of a metric and its sorted labels.</summary>
    public static RemoteSeries Create(string metric, IReadOnlyList<Abstractions.Label> labels)
    {
        var all = new ProtoLabel[labels.Count + 1];
        var hash = new HashCode();
        var at = 0;
        var placed = false;
        foreach (var label in labels)
        {
            if (!placed && string.CompareOrdinal(LabelNames.MetricName, label.Name) < 0)
            {
                all[at++] = Add(ref hash, LabelNames.MetricName, metric);
                placed = true;
            }

            all[at++] = Add(ref hash, label.Name, label.Value);
        }

        if (!placed)
        {
            all[at] = Add(ref hash, LabelNames.MetricName, metric);
        }

        return new RemoteSeries(all, hash.ToHashCode());
    }

    private static ProtoLabel Add(ref HashCode hash, string name, string value)
    {
        hash.Add(name, StringComparer.Ordinal);
        hash.Add(value, StringComparer.Ordinal);
        return new ProtoLabel { Name = name, Value = value };
    }
}
