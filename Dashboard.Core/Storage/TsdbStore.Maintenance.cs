using Dashboard.Core.Storage.Blocks;
using Dashboard.Core.Storage.Chunks;
using Dashboard.Core.Storage.Head;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Storage;

public sealed partial class TsdbStore
{
    private readonly SemaphoreSlim _maintenanceGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _maintenanceTimer;
    private int _cutQueued;

    /// <summary>Starts periodic maintenance: head cuts, merges of small blocks, retention.</summary>
    public void StartMaintenance()
    {
        var interval = _options.MaintenanceInterval;
        _maintenanceTimer = _time.CreateTimer(_ => _ = RunMaintenanceIfIdleAsync(), null, interval, interval);
    }

    /// <summary>
    /// Runs one round of maintenance now: cuts the head into blocks while it spans more than 1.5 block durations
    /// (all of it when <paramref name="flushHead"/>), re-encodes the head's sealed chunks densely, merges small
    /// blocks, applies retention.
    /// </summary>
    /// <param name="flushHead">Cut everything the head holds, as far as whole blocks allow (tests, benchmarks).</param>
    /// <returns>A task.</returns>
    public async Task RunMaintenanceAsync(bool flushHead = false)
    {
        await _maintenanceGate.WaitAsync(_stopping.Token).ConfigureAwait(false);
        RunMaintenanceRound(flushHead);
    }

    // The timer's and the append path's trigger: a round already running covers this one.
    private async Task RunMaintenanceIfIdleAsync()
    {
        if (await _maintenanceGate.WaitAsync(0, CancellationToken.None).ConfigureAwait(false))
        {
            RunMaintenanceRound(flushHead: false);
        }
    }

    // Runs with the gate held, and releases it.
    private void RunMaintenanceRound(bool flushHead)
    {
        try
        {
            while (!_stopping.IsCancellationRequested && NextHeadCut(flushHead) is { } range)
            {
                CutHead(range.Start, range.End);
            }

            _head.CompactSealedChunks();

            while (!_stopping.IsCancellationRequested && BlockCompactionPlanner.Plan(_blocks.Current, _blockDuration, _head.MinValidTime, _options.Retention) is { } group)
            {
                MergeBlocks(group);
            }

            ApplyRetention();
        }
#pragma warning disable CA1031 // Maintenance must never take the host down; the failure is logged and counted.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogMaintenanceFailed(ex);
        }
        finally
        {
            _maintenanceGate.Release();
        }
    }

    // Called after appends: when the head has grown past 1.5 blocks, cut it soon, off the append path.
    private void MaybeCutHead()
    {
        var min = _head.MinTime;
        var max = _head.MaxTime;
        if (min == long.MaxValue || max - min < _blockDuration * 3 / 2 || Interlocked.Exchange(ref _cutQueued, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await RunMaintenanceIfIdleAsync().ConfigureAwait(false);
            Volatile.Write(ref _cutQueued, 0);
        });
    }

    private (long Start, long End)? NextHeadCut(bool all)
    {
        var min = _head.MinTime;
        var max = _head.MaxTime;
        if (min == long.MaxValue)
        {
            return null;
        }

        var start = FloorTo(min, _blockDuration);
        var end = start + _blockDuration;
        var due = all || max - min >= _blockDuration * 3 / 2;
        // A full flush ends just after the newest sample rather than at the next boundary, so appends of newer
        // samples keep being accepted.
        return due ? (start, all ? Math.Max(end, max + 1) : end) : null;
    }

    private void CutHead(long start, long end)
    {
        lock (_appendLock)
        {
            // From here on the range is closed: late samples for it are refused as too old, not lost silently.
            _head.MinValidTime = Math.Max(_head.MinValidTime, end);
        }

        var series = new List<BlockSeries>();
        foreach (var memSeries in _head.All())
        {
            memSeries.SealBefore(end);
            var chunks = memSeries.Chunks(start, end - 1);
            if (chunks.Count > 0)
            {
                series.Add(new BlockSeries(memSeries.Labels, Rechunk(chunks, _options.BlockChunkSamples)));
            }
        }

        if (series.Count > 0)
        {
            try
            {
                var meta = BlockWriter.Write(_layout.Blocks, start, end, series, level: 1, sources: []);
                _blocks.Add(Block.Open(Path.Combine(_layout.Blocks, meta.Id)));
                _metrics.RecordCompaction("head");
                LogHeadCut(meta.Id, start, end, meta.Stats.NumSeries, meta.Stats.NumSamples);
            }
            catch
            {
                _metrics.RecordCompactionFailure("head");
                throw;
            }
        }

        lock (_appendLock)
        {
            _head.Truncate(end);
        }

        WriteSnapshot();
    }

    // The head's short chunks, re-encoded as longer ones in the densest encoding for their values.
    private static List<StoredChunk> Rechunk(List<StoredChunk> chunks, int samplesPerChunk)
    {
        var result = new List<StoredChunk>();
        XorChunkAppender? appender = null;
        foreach (var chunk in chunks)
        {
            var samples = new ChunkIterator(chunk);
            while (samples.MoveNext())
            {
                appender ??= new XorChunkAppender();
                appender.Append(samples.Timestamp, samples.Value);
                if (appender.Count == samplesPerChunk)
                {
                    result.Add(ChunkRecoder.Compact(appender.Seal()));
                    appender = null;
                }
            }
        }

        if (appender is { Count: > 0 })
        {
            result.Add(ChunkRecoder.Compact(appender.Seal()));
        }

        return result;
    }

    private void MergeBlocks(IReadOnlyList<Block> group)
    {
        try
        {
            var meta = BlockCompactor.Merge(group, _layout.Blocks);
            _blocks.Add(Block.Open(Path.Combine(_layout.Blocks, meta.Id)));
            _blocks.Retire(group);
            _metrics.RecordCompaction("merge");
            LogMerged(group.Count, meta.Id, meta.MinTime, meta.MaxTime);
        }
        catch
        {
            _metrics.RecordCompactionFailure("merge");
            throw;
        }
    }

    private void ApplyRetention()
    {
        var blocks = _blocks.Current;
        if (blocks.IsEmpty)
        {
            return;
        }

        var newest = Math.Max(_head.MaxTime, blocks.Max(b => b.Meta.MaxTime));
        var horizon = newest - (long)_options.Retention.TotalMilliseconds;
        var expired = blocks.Where(b => b.Meta.MaxTime <= horizon).ToList();

        if (_options.RetentionBytes > 0)
        {
            var total = DiskBytes - expired.Sum(b => b.SizeBytes);
            foreach (var block in blocks.Except(expired))
            {
                if (total <= _options.RetentionBytes)
                {
                    break;
                }

                expired.Add(block);
                total -= block.SizeBytes;
            }
        }

        if (expired.Count > 0)
        {
            _blocks.Retire(expired);
            LogRetention(expired.Count, horizon);
        }
    }

    private void WriteSnapshot()
    {
        List<(MemSeries Series, List<HeadChunk> Entries)> held;
        int segment;
        long minValid;
        lock (_appendLock)
        {
            segment = _wal!.CutSegment();
            held = [.. _head.All().Select(s => (s, s.Entries(long.MinValue, long.MaxValue)))];
            minValid = _head.MinValidTime;
        }

        // Read back and written outside the lock: sealed chunks are immutable and the open ones were copied above.
        var series = held.Select(h => new HeadSnapshot.SeriesEntry(h.Series.Id, h.Series.Labels, h.Series.Load(h.Entries))).ToList();
        HeadSnapshot.Write(_layout.Snapshots, new HeadSnapshot.Content(segment, minValid, series));
        foreach (var (older, path) in HeadSnapshot.List(_layout.Snapshots))
        {
            if (older < segment)
            {
                File.Delete(path);
            }
        }

        _wal.DeleteSegmentsBefore(segment);
    }

    private void StopMaintenance()
    {
        _maintenanceTimer?.Dispose();
        _stopping.Cancel();
        // Wait for a round in progress: it may be writing a block or snapshot.
        _maintenanceGate.Wait(TimeSpan.FromSeconds(30));
    }

    private static long FloorTo(long value, long step) => value >= 0 ? value / step * step : (value - step + 1) / step * step;

    [LoggerMessage(Level = LogLevel.Information, Message = "Head cut into block {BlockId} [{Start}, {End}): {Series} series, {Samples} samples")]
    private partial void LogHeadCut(string blockId, long start, long end, long series, long samples);

    [LoggerMessage(Level = LogLevel.Information, Message = "Merged {Count} blocks into {BlockId} [{Start}, {End})")]
    private partial void LogMerged(int count, string blockId, long start, long end);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Count} blocks ending before {Horizon}")]
    private partial void LogRetention(int count, long horizon);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store maintenance failed; it is retried at the next interval and no data is removed")]
    private partial void LogMaintenanceFailed(Exception exception);
}
