using System.Collections.Concurrent;
using Dashboard.Abstractions;
using Dashboard.Core.Storage.Chunks;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Storage.Head;

/// <summary>
/// Recent samples in memory: series by id, their index, and the time range still open to appends. Appends come from
/// one caller at a time (the store's append lock); reads may run alongside.
/// </summary>
internal sealed class Head(int chunkSamples, long blockDuration) : IDisposable
{
    private readonly ConcurrentDictionary<int, MemSeries> _series = new();
    private int _nextId = 1;
    private long _minTime = long.MaxValue;
    private long _maxTime = long.MinValue;

    public SeriesIndex Index { get; } = new();

    /// <summary>Where sealed chunks' bytes go once compacted; without one they stay in memory.</summary>
    public HeadChunkFile? ChunkFile { get; set; }

    public int SeriesCount => _series.Count;

    /// <summary>The oldest timestamp the head accepts: everything before it is in blocks.</summary>
    public long MinValidTime { get; set; } = long.MinValue;

    /// <summary>The oldest sample in the head, <see cref="long.MaxValue"/> when empty.</summary>
    public long MinTime => Volatile.Read(ref _minTime);

    /// <summary>The newest sample in the head, <see cref="long.MinValue"/> when empty.</summary>
    public long MaxTime => Volatile.Read(ref _maxTime);

    public MemSeries? Get(int id) => _series.GetValueOrDefault(id);

    /// <summary>The series with these labels, created when new (<paramref name="created"/> tells).</summary>
    public MemSeries GetOrCreate(ReadOnlySpan<Label> labels, out bool created)
    {
        if (Index.TryGet(labels, out var id) && _series.TryGetValue(id, out var existing))
        {
            created = false;
            return existing;
        }

        created = true;
        return Create(_nextId, labels);
    }

    /// <summary>Recreates a series under the id it had before a restart (snapshot, log replay).</summary>
    public MemSeries Restore(int id, ReadOnlySpan<Label> labels)
    {
        if (_series.TryGetValue(id, out var existing))
        {
            return existing;
        }

        if (Index.TryGet(labels, out var other) && _series.TryGetValue(other, out var same))
        {
            return same;
        }

        return Create(id, labels);
    }

    public AppendOutcome Append(MemSeries series, long timestamp, double value)
    {
        if (timestamp < MinValidTime)
        {
            return AppendOutcome.TooOld;
        }

        var outcome = series.Append(timestamp, value, chunkSamples, blockDuration);
        if (outcome == AppendOutcome.Appended)
        {
            if (timestamp < _minTime)
            {
                Volatile.Write(ref _minTime, timestamp);
            }

            if (timestamp > _maxTime)
            {
                Volatile.Write(ref _maxTime, timestamp);
            }
        }

        return outcome;
    }

    /// <summary>The series matching every matcher, by ascending id.</summary>
    public IEnumerable<MemSeries> Select(IReadOnlyList<LabelMatcher> matchers)
    {
        foreach (var id in Index.Select(matchers))
        {
            if (_series.TryGetValue(id, out var series))
            {
                yield return series;
            }
        }
    }

    /// <summary>Re-encodes every series' sealed chunks not yet compacted (see <see cref="MemSeries.CompactSealed"/>).</summary>
    /// <returns>Bytes saved.</returns>
    public long CompactSealedChunks()
    {
        long saved = 0;
        foreach (var series in _series.Values)
        {
            saved += series.CompactSealed();
        }

        return saved;
    }

    /// <summary>Every series, by ascending id.</summary>
    public IEnumerable<MemSeries> All() => _series.Values.OrderBy(s => s.Id);

    /// <summary>
    /// Drops the samples before <paramref name="minTime"/> (now in a block) and the series left empty, and raises
    /// the floor for appends. Call under the append lock.
    /// </summary>
    public int Truncate(long minTime)
    {
        MinValidTime = Math.Max(MinValidTime, minTime);
        var emptied = new List<(int, Label[])>();
        var newMin = long.MaxValue;
        foreach (var series in _series.Values)
        {
            if (series.Truncate(minTime))
            {
                series.Removed = true;
                _series.TryRemove(series.Id, out _);
                emptied.Add((series.Id, series.Labels));
            }
            else
            {
                newMin = Math.Min(newMin, series.FirstTimestamp);
            }
        }

        Index.Remove(emptied);
        ChunkFile?.DeleteBefore(minTime);
        Volatile.Write(ref _minTime, newMin);
        if (newMin == long.MaxValue)
        {
            Volatile.Write(ref _maxTime, long.MinValue);
        }

        return emptied.Count;
    }

    public void Dispose()
    {
        Index.Dispose();
        ChunkFile?.Dispose();
    }

    private MemSeries Create(int id, ReadOnlySpan<Label> labels)
    {
        var stored = Index.Add(id, labels);
        var series = new MemSeries(this, id, stored);
        _series[id] = series;
        _nextId = Math.Max(_nextId, id + 1);
        return series;
    }
}
