using System.Collections.Concurrent;

namespace Dashboard.Core.Collection;

/// <summary>
/// The latest value of every series of every instance, updated in place from each batch, so the overview, the
/// instance API and (later) <c>/metrics</c> read current values without touching the store.
/// </summary>
public sealed class LatestSamples : ISampleSink
{
    private readonly ConcurrentDictionary<string, InstanceLatest> _instances = new(StringComparer.Ordinal);

    /// <summary>Takes the values of a batch.</summary>
    /// <param name="batch">A completed collect.</param>
    public void Accept(SampleBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Table.IsRetired)
        {
            return;
        }

        var latest = _instances.AddOrUpdate(
            batch.InstanceId,
            static (_, b) => new InstanceLatest(b.Table),
            static (_, existing, b) => existing.Table == b.Table ? existing : new InstanceLatest(b.Table),
            batch);
        latest.Apply(batch);

        // Retired while we applied it: the supervisor's Forget may have run before our AddOrUpdate.
        if (batch.Table.IsRetired)
        {
            _instances.TryRemove(KeyValuePair.Create(batch.InstanceId, latest));
        }
    }

    /// <summary>The samples of an instance's last successful collect, or empty.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>A snapshot of the samples.</returns>
    public IReadOnlyList<Sample> Get(string instanceId) =>
        _instances.TryGetValue(instanceId, out var latest) ? latest.Snapshot() : [];

    /// <summary>Appends the samples of every instance's last successful collect, instance by instance.</summary>
    /// <param name="into">Where they go.</param>
    public void CopyAll(List<InstanceSample> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        foreach (var (instanceId, latest) in _instances)
        {
            latest.CopyTo(instanceId, into);
        }
    }

    /// <summary>Forgets an instance that was removed.</summary>
    /// <param name="instanceId">The instance id.</param>
    public void Forget(string instanceId) => _instances.TryRemove(instanceId, out _);

    private sealed class InstanceLatest(SeriesTable table)
    {
        private readonly Lock _gate = new();
        private Sample[] _bySeries = [];
        private long[] _seenInCollect = [];
        private long _collect;

        public SeriesTable Table { get; } = table;

        public void Apply(SampleBatch batch)
        {
            lock (_gate)
            {
                _collect++;
                foreach (ref readonly var sample in batch.Samples)
                {
                    var id = sample.Series.Id;
                    if (id >= _bySeries.Length)
                    {
                        var size = Math.Max(id + 1, _bySeries.Length * 2);
                        Array.Resize(ref _bySeries, size);
                        Array.Resize(ref _seenInCollect, size);
                    }

                    _bySeries[id] = sample;
                    _seenInCollect[id] = _collect;
                }
            }
        }

        public void CopyTo(string instanceId, List<InstanceSample> into)
        {
            lock (_gate)
            {
                for (var i = 0; i < _bySeries.Length; i++)
                {
                    if (_seenInCollect[i] == _collect && _collect > 0)
                    {
                        into.Add(new InstanceSample(instanceId, _bySeries[i]));
                    }
                }
            }
        }

        public Sample[] Snapshot()
        {
            var samples = new List<InstanceSample>();
            CopyTo(string.Empty, samples);
            return [.. samples.Select(s => s.Sample)];
        }
    }
}
