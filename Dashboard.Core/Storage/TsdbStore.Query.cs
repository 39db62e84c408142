using Dashboard.Abstractions;
using Dashboard.Core.Storage.Chunks;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Storage;

public sealed partial class TsdbStore
{
    /// <summary>
    /// The series every matcher accepts that have samples in [<paramref name="minTime"/>, <paramref name="maxTime"/>],
    /// from blocks and head, ordered by labels. The chunks are immutable copies: reading them later is safe whatever
    /// compaction and retention do meanwhile.
    /// </summary>
    /// <param name="matchers">Label matchers (Prometheus semantics); at least one.</param>
    /// <param name="minTime">Range start, inclusive (Unix ms).</param>
    /// <param name="maxTime">Range end, inclusive (Unix ms).</param>
    /// <returns>The series.</returns>
    public IReadOnlyList<SelectedSeries> Select(IReadOnlyList<LabelMatcher> matchers, long minTime, long maxTime)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        var found = new Dictionary<Label[], List<StoredChunk>>(LabelSetComparer.Instance);
        // The head before the blocks: a cut adds its block before truncating the head, so in this order a sample
        // moving from head to block is seen at least once (twice at worst, which the cursor skips), never missed.
        if (_head.MinTime <= maxTime && _head.MaxTime >= minTime)
        {
            foreach (var series in _head.Select(matchers))
            {
                Add(found, series.Labels, series.Chunks(minTime, maxTime));
            }
        }

        using (var lease = _blocks.Acquire())
        {
            foreach (var block in lease.Blocks)
            {
                if (block.Meta.MinTime > maxTime || block.Meta.MaxTime <= minTime)
                {
                    continue;
                }

                foreach (var id in block.Select(matchers))
                {
                    Add(found, block.GetLabels(id), block.GetChunks(id, minTime, maxTime));
                }
            }
        }

        return [.. found
            .OrderBy(f => f.Key, LabelSetComparer.Instance)
            .Select(f => new SelectedSeries(f.Key, [.. f.Value.OrderBy(c => c.MinTime)], minTime, maxTime))];
    }

    /// <summary>
    /// The label sets of the series every matcher accepts, in the head and the blocks whose time spans overlap the
    /// range, each once, ordered by labels. Unlike <see cref="Select"/> no chunk is read: a series counts when its
    /// head or block overlaps the range, as Prometheus's label name and value lookups with <c>match[]</c> do.
    /// </summary>
    /// <param name="matchers">Label matchers (Prometheus semantics); at least one.</param>
    /// <param name="minTime">Range start, inclusive (Unix ms).</param>
    /// <param name="maxTime">Range end, inclusive (Unix ms).</param>
    /// <returns>The label sets.</returns>
    public IReadOnlyList<Label[]> SeriesLabels(IReadOnlyList<LabelMatcher> matchers, long minTime, long maxTime)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        var found = new HashSet<Label[]>(LabelSetComparer.Instance);
        if (_head.MinTime <= maxTime && _head.MaxTime >= minTime)
        {
            foreach (var series in _head.Select(matchers))
            {
                found.Add(series.Labels);
            }
        }

        using (var lease = _blocks.Acquire())
        {
            foreach (var block in lease.Blocks.Where(b => b.Meta.MinTime <= maxTime && b.Meta.MaxTime > minTime))
            {
                foreach (var id in block.Select(matchers))
                {
                    if (!found.Contains(block.LabelsOf(id)))
                    {
                        found.Add(block.GetLabels(id));
                    }
                }
            }
        }

        return [.. found.Order(LabelSetComparer.Instance)];
    }

    /// <summary>Every label name of the series with samples in the range, sorted.</summary>
    /// <param name="minTime">Range start, inclusive (Unix ms).</param>
    /// <param name="maxTime">Range end, inclusive (Unix ms).</param>
    /// <returns>The names.</returns>
    public IReadOnlyList<string> LabelNames(long minTime, long maxTime)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        using (var lease = _blocks.Acquire())
        {
            foreach (var block in lease.Blocks.Where(b => b.Meta.MinTime <= maxTime && b.Meta.MaxTime > minTime))
            {
                names.UnionWith(block.LabelNames());
            }
        }

        if (_head.MinTime <= maxTime && _head.MaxTime >= minTime)
        {
            names.UnionWith(_head.Index.LabelNames());
        }

        return [.. names];
    }

    /// <summary>Every value of a label among the series with samples in the range, sorted.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="minTime">Range start, inclusive (Unix ms).</param>
    /// <param name="maxTime">Range end, inclusive (Unix ms).</param>
    /// <returns>The values.</returns>
    public IReadOnlyList<string> LabelValues(string name, long minTime, long maxTime)
    {
        var values = new SortedSet<string>(StringComparer.Ordinal);
        using (var lease = _blocks.Acquire())
        {
            foreach (var block in lease.Blocks.Where(b => b.Meta.MinTime <= maxTime && b.Meta.MaxTime > minTime))
            {
                values.UnionWith(block.LabelValues(name));
            }
        }

        if (_head.MinTime <= maxTime && _head.MaxTime >= minTime)
        {
            values.UnionWith(_head.Index.LabelValues(name));
        }

        return [.. values];
    }

    private static void Add(Dictionary<Label[], List<StoredChunk>> found, Label[] labels, IEnumerable<StoredChunk> chunks)
    {
        List<StoredChunk>? list = null;
        foreach (var chunk in chunks)
        {
            if (list is null && !found.TryGetValue(labels, out list))
            {
                list = [];
                found.Add(labels, list);
            }

            list.Add(chunk);
        }
    }
}
