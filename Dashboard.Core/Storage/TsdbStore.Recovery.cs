using System.Diagnostics;
using Dashboard.Abstractions;
using Dashboard.Core.Storage.Blocks;
using Dashboard.Core.Storage.Head;
using Dashboard.Core.Storage.Wal;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Storage;

public sealed partial class TsdbStore
{
    private RecoveryReport Recover()
    {
        var watch = Stopwatch.StartNew();
        var corrupt = LoadBlocks();
        var minValid = _blocks.Current.IsEmpty ? long.MinValue : _blocks.Current.Max(b => b.Meta.MaxTime);
        _head.MinValidTime = minValid;

        long samples = 0;
        string? snapshotProblem = null;
        var fromSegment = 0;
        foreach (var (segment, path) in HeadSnapshot.List(_layout.Snapshots))
        {
            try
            {
                var content = HeadSnapshot.Read(path);
                _head.MinValidTime = Math.Max(minValid, content.MinValidTime);
                foreach (var entry in content.Series)
                {
                    var series = _head.Restore(entry.Id, entry.Labels);
                    series.Restore(entry.Chunks);
                    samples += entry.Chunks.Sum(c => (long)c.Count);
                }

                fromSegment = segment;
                break;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or EndOfStreamException)
            {
                snapshotProblem = ex.Message;
                LogSnapshotUnusable(path, ex.Message);
            }
        }

        var replay = new HeadReplay(_head);
        var result = WalReader.Replay(_layout.Wal, fromSegment, replay);
        samples += replay.Samples;
        string? walProblem = null;
        if (result.Corruption is { } corruption)
        {
            // Cut the log at the last good record, so the writer appends after intact data and the next start
            // does not stop at the same place (which would hide every later segment).
            var repair = WalRepair.Repair(_layout.Wal, corruption);
            walProblem = $"{corruption}; repaired: {repair}";
            LogWalReplayStopped(walProblem);
        }

        // Chunks restored from before the newest block (a crash between writing a block and truncating the head).
        _head.Truncate(_head.MinValidTime);
        return new RecoveryReport(_blocks.Current.Length, corrupt, snapshotProblem, walProblem, _head.SeriesCount, samples, watch.Elapsed);
    }

    private List<string> LoadBlocks()
    {
        var corrupt = new List<string>();
        Block.DeleteLeftovers(_layout.Blocks);
        foreach (var directory in Block.BlockDirectories(_layout.Blocks))
        {
            try
            {
                _blocks.Add(Block.Open(directory));
            }
            catch (BlockCorruptException ex)
            {
                corrupt.Add(ex.Message);
                _metrics.RecordCorruptBlock();
                LogCorruptBlock(directory, ex.Message);
            }
        }

        return corrupt;
    }

    private long SnapshotBytes()
    {
        try
        {
            return HeadSnapshot.List(_layout.Snapshots).Sum(s => new FileInfo(s.Path).Length);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    // Log replay into the head: series under their logged ids, samples through the normal append checks.
    private sealed class HeadReplay(Head.Head head) : IWalVisitor
    {
        public long Samples { get; private set; }

        public void OnSeries(int seriesRef, Label[] labels) => head.Restore(seriesRef, labels);

        public void OnSamples(ReadOnlySpan<WalSample> samples)
        {
            foreach (var sample in samples)
            {
                if (head.Get(sample.SeriesRef) is { } series
                    && head.Append(series, sample.Timestamp, sample.Value) == AppendOutcome.Appended)
                {
                    Samples++;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Block {Directory} is corrupt and is skipped; the rest of the data stays queryable: {Reason}")]
    private partial void LogCorruptBlock(string directory, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Head snapshot {Path} cannot be used ({Reason}); recovering from the log instead")]
    private partial void LogSnapshotUnusable(string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write-ahead log replay stopped early: {Problem}")]
    private partial void LogWalReplayStopped(string problem);
}
