using System.Runtime.InteropServices;
using Dashboard.Abstractions;

namespace Dashboard.Core.Collection;

/// <summary>
/// Interns the series of one instance. A write looks its (metric, labels) up as the plugin passed them, without
/// allocating; only a series seen for the first time is validated, merged with the instance's labels, sorted and stored.
/// Bounded: past <see cref="Limit"/> series, new series are refused and counted.
/// </summary>
/// <remarks>Not thread-safe: one collect of an instance writes at a time.</remarks>
public sealed class SeriesTable
{
    private readonly Label[] _instanceLabels;
    private readonly Dictionary<SeriesKey, Series> _byWrittenKey = new(SeriesKeyComparer.Instance);
    private readonly Dictionary<SeriesKey, Series>.AlternateLookup<WrittenKey> _lookup;
    private readonly Dictionary<string, Series> _byCanonicalName = new(StringComparer.Ordinal);
    private readonly List<Series> _series = [];
    private readonly string _overLimit;
    private bool _retired;

    /// <summary>Creates a table whose series all carry <paramref name="instanceLabels"/>.</summary>
    /// <param name="instanceLabels">The instance's labels.</param>
    /// <param name="limit">The most series this table accepts.</param>
    public SeriesTable(IReadOnlyDictionary<string, string> instanceLabels, int limit)
    {
        ArgumentNullException.ThrowIfNull(instanceLabels);
        _instanceLabels = [.. instanceLabels.Select(l => new Label(l.Key, l.Value)).OrderBy(l => l.Name, StringComparer.Ordinal)];
        Limit = limit;
        _overLimit = $"series limit of {limit} reached (Dashboard:Collection:MaxSeriesPerInstance); new series are refused";
        _lookup = _byWrittenKey.GetAlternateLookup<WrittenKey>();
    }

    /// <summary>The most series this table accepts.</summary>
    public int Limit { get; }

    /// <summary>Whether the job that wrote this table was retired: its late batches are stale.</summary>
    public bool IsRetired => Volatile.Read(ref _retired);

    /// <summary>How many series the table holds.</summary>
    public int Count => _series.Count;

    /// <summary>Samples refused because the table was full.</summary>
    public long RefusedOverLimit { get; private set; }

    /// <summary>Samples refused because a metric or label name was invalid.</summary>
    public long RefusedInvalid { get; private set; }

    /// <summary>The last reason a sample was refused, for the instance's status.</summary>
    public string? LastRefusal { get; private set; }

    /// <summary>Marks the table's job as retired.</summary>
    public void Retire() => Volatile.Write(ref _retired, true);

    /// <summary>Finds or creates the series of a write; <see langword="null"/> when the write is refused.</summary>
    /// <param name="metric">The metric name as written.</param>
    /// <param name="kind">The metric kind as written.</param>
    /// <param name="labels">The labels as written.</param>
    /// <returns>The series, or <see langword="null"/> if refused.</returns>
    public Series? Resolve(string metric, MetricKind kind, ReadOnlySpan<Label> labels)
    {
        if (_lookup.TryGetValue(new WrittenKey(metric, labels), out var found))
        {
            return found;
        }

        return AddSlow(metric, kind, labels);
    }

    private Series? AddSlow(string metric, MetricKind kind, ReadOnlySpan<Label> labels)
    {
        if (MetricNames.Validate(metric, labels) is { } invalid)
        {
            RefusedInvalid++;
            LastRefusal = invalid;
            return null;
        }

        if (_series.Count >= Limit)
        {
            // Full: refuse without building the canonical name, which would cost a string per refused sample in a
            // cardinality explosion. Only label orders already seen still resolve to their series.
            RefusedOverLimit++;
            LastRefusal = _overLimit;
            return null;
        }

        var merged = Merge(labels);
        var canonical = Series.Format(metric, merged);
        if (!_byCanonicalName.TryGetValue(canonical, out var series))
        {
            series = new Series(_series.Count, metric, kind, merged);
            _series.Add(series);
            _byCanonicalName.Add(canonical, series);
        }

        _byWrittenKey[new SeriesKey(metric, labels.ToArray())] = series;
        return series;
    }

    // Instance labels win a clash; the sample's own value is kept as exported_<name>, as Prometheus does for
    // targets without honor_labels.
    private Label[] Merge(ReadOnlySpan<Label> labels)
    {
        var merged = new List<Label>(_instanceLabels.Length + labels.Length);
        merged.AddRange(_instanceLabels);
        foreach (var label in labels)
        {
            merged.Add(IsInstanceLabel(label.Name) ? new Label("exported_" + label.Name, label.Value) : label);
        }

        merged.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return [.. merged];
    }

    private bool IsInstanceLabel(string name)
    {
        foreach (var label in _instanceLabels)
        {
            if (label.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct SeriesKey(string Metric, Label[] Labels);

    private readonly ref struct WrittenKey(string metric, ReadOnlySpan<Label> labels)
    {
        public string Metric { get; } = metric;

        public ReadOnlySpan<Label> Labels { get; } = labels;
    }

    private sealed class SeriesKeyComparer : IEqualityComparer<SeriesKey>, IAlternateEqualityComparer<WrittenKey, SeriesKey>
    {
        public static readonly SeriesKeyComparer Instance = new();

        public bool Equals(SeriesKey x, SeriesKey y) => Matches(x.Metric, x.Labels, y);

        public int GetHashCode(SeriesKey obj) => Hash(obj.Metric, obj.Labels);

        public bool Equals(WrittenKey alternate, SeriesKey other) => Matches(alternate.Metric, alternate.Labels, other);

        public int GetHashCode(WrittenKey alternate) => Hash(alternate.Metric, alternate.Labels);

        public SeriesKey Create(WrittenKey alternate) => new(alternate.Metric, alternate.Labels.ToArray());

        private static bool Matches(string metric, ReadOnlySpan<Label> labels, SeriesKey other)
        {
            if (!string.Equals(metric, other.Metric, StringComparison.Ordinal) || labels.Length != other.Labels.Length)
            {
                return false;
            }

            for (var i = 0; i < labels.Length; i++)
            {
                if (!string.Equals(labels[i].Name, other.Labels[i].Name, StringComparison.Ordinal)
                    || !string.Equals(labels[i].Value, other.Labels[i].Value, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        private static int Hash(string metric, ReadOnlySpan<Label> labels)
        {
            var hash = new HashCode();
            hash.Add(metric, StringComparer.Ordinal);
            foreach (ref readonly var label in labels)
            {
                hash.Add(label.Name, StringComparer.Ordinal);
                hash.Add(label.Value, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
