using Dashboard.Core.Collection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.RemoteWrite;

/// <summary>
/// Everything of one remote: its shards (each series always in the same one), its HTTP endpoint and its tallies.
/// </summary>
internal sealed class RemoteQueue : IDisposable
{
    public const string QueueFullReason = "queue_full";
    public const string ShutdownReason = "shutdown";

    private readonly RemoteShard[] _shards;
    private readonly int _maxSamplesPerSend;
    private long _sent;
    private long _failed;
    private long _retried;
    private long _dropped;

    public RemoteQueue(RemoteOptions options, RemoteWriteMetrics metrics, TimeProvider time, ILogger logger)
    {
        Name = options.Name;
        Metrics = metrics;
        Endpoint = new RemoteEndpoint(options);
        _maxSamplesPerSend = options.MaxSamplesPerSend;
        _shards = [.. Enumerable.Range(0, options.Shards).Select(_ => new RemoteShard(this, options, time, logger))];
    }

    public string Name { get; }

    public RemoteEndpoint Endpoint { get; }

    public RemoteWriteMetrics Metrics { get; }

    public IReadOnlyList<RemoteShard> Shards => _shards;

    public long SentTotal => Interlocked.Read(ref _sent);

    public long FailedTotal => Interlocked.Read(ref _failed);

    public long RetriedTotal => Interlocked.Read(ref _retried);

    public long DroppedTotal => Interlocked.Read(ref _dropped);

    public long Pending => _shards.Sum(s => s.Pending);

    /// <summary>The shard a series goes to, for good.</summary>
    public int ShardOf(RemoteSeries series) => (int)((uint)series.Hash % (uint)_shards.Length);

    /// <summary>Copies a batch's samples into their shards, waking a shard whose queue was empty or holds a full request.</summary>
    public void Accept(ReadOnlySpan<Sample> samples)
    {
        long dropped = 0;
        foreach (ref readonly var sample in samples)
        {
            var series = RemoteSeries.Of(sample.Series);
            var shard = _shards[ShardOf(series)];
            // An idle shard waits with no deadline: the first sample starts its deadline, a full request ends it.
            var waiting = shard.Queue.Enqueue(new QueuedSample(series, sample.TimestampMs, sample.Value), out var droppedOldest);
            if (waiting == 1 || waiting >= _maxSamplesPerSend)
            {
                shard.Wake();
            }

            if (droppedOldest)
            {
                dropped++;
            }
        }

        Dropped(dropped, QueueFullReason);
    }

    public void Sent(int samples)
    {
        Interlocked.Add(ref _sent, samples);
        Metrics.RecordSent(Name, samples);
    }

    public void Failed(int samples)
    {
        Interlocked.Add(ref _failed, samples);
        Metrics.RecordFailed(Name, samples);
    }

    public void Retried(int samples)
    {
        Interlocked.Add(ref _retried, samples);
        Metrics.RecordRetried(Name, samples);
    }

    public void Dropped(long samples, string reason)
    {
        if (samples > 0)
        {
            Interlocked.Add(ref _dropped, samples);
            Metrics.RecordDropped(Name, samples, reason);
        }
    }

    public void Dispose() => Endpoint.Dispose();
}
