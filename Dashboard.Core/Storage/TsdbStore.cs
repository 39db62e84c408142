using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Storage.Head;
using Dashboard.Core.Storage.Wal;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Storage;

/// <summary>
/// The embedded time-series store: every collected sample goes to the head (compressed chunks in memory) and the
/// write-ahead log; maintenance cuts the head into blocks on disk, merges small blocks and applies retention.
/// Appends are serialised; reads run alongside them.
/// </summary>
public sealed partial class TsdbStore : ISampleSink, IDisposable
{
    private readonly StorageOptions _options;
    private readonly StoreLayout _layout;
    private readonly TimeProvider _time;
    private readonly StorageMetrics _metrics;
    private readonly ILogger<TsdbStore> _logger;
    private readonly Head.Head _head;
    private readonly BlockSet _blocks = new();
    private readonly Lock _appendLock = new();
    private readonly long[] _rejected = new long[4];
    private readonly long _blockDuration;
    private WalSample[] _walBuffer = new WalSample[1024];
    private WalWriter? _wal;
    private FileStream? _lockFile;
    private ITimer? _flushTimer;
    private int _disposed;

    /// <summary>Creates the store; nothing is read until <see cref="Open"/>.</summary>
    /// <param name="options">Its settings (<see cref="StorageOptions.Path"/> already absolute).</param>
    /// <param name="time">The clock for flushes and maintenance.</param>
    /// <param name="metrics">Its measurements.</param>
    /// <param name="logger">The logger.</param>
    public TsdbStore(StorageOptions options, TimeProvider time, StorageMetrics metrics, ILogger<TsdbStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _options = options;
        _layout = new StoreLayout(options.Path);
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _blockDuration = (long)options.BlockDuration.TotalMilliseconds;
        _head = new Head.Head(options.HeadChunkSamples, _blockDuration);
        metrics.Observe(this);
    }

    /// <summary>Series in the head.</summary>
    public int HeadSeries => _head.SeriesCount;

    /// <summary>Blocks on disk in use.</summary>
    public int BlockCount => _blocks.Current.Length;

    /// <summary>Bytes of write-ahead log on disk.</summary>
    public long WalBytes => _wal?.SizeBytes ?? 0;

    /// <summary>Bytes on disk: blocks, write-ahead log, head snapshot and head chunk files.</summary>
    public long DiskBytes => _blocks.SizeBytes + WalBytes + SnapshotBytes() + (_head.ChunkFile?.SizeBytes ?? 0);

    /// <summary>The oldest timestamp the store still accepts (everything before it is in blocks).</summary>
    public long MinValidTime => _head.MinValidTime;

    /// <summary>Whether <see cref="Open"/> has finished.</summary>
    public bool IsOpen => _wal is not null;

    /// <summary>The store's measurements.</summary>
    public StorageMetrics Metrics => _metrics;

    /// <summary>
    /// Opens the folder: takes its lock, loads blocks (a corrupt one is reported and skipped), restores the head
    /// from the last snapshot and the log after it, then starts the periodic log flush.
    /// </summary>
    /// <returns>What recovery found.</returns>
    public RecoveryReport Open()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _layout.Create();
        _lockFile = TakeLock(_layout.LockFile);
        _head.ChunkFile = new HeadChunkFile(_layout.HeadChunks);
        var report = Recover();
        _wal = new WalWriter(_layout.Wal, new WalOptions());
        var interval = _options.WalFlushInterval;
        _flushTimer = _time.CreateTimer(_ => FlushWal(), null, interval, interval);
        LogOpened(_layout.Root, report.Blocks, report.CorruptBlocks.Count, report.Series, report.Samples, report.Elapsed.TotalMilliseconds);
        return report;
    }

    /// <summary>Stores the samples of a collect. Refusals (out of order, too old…) are counted, never thrown.</summary>
    /// <param name="batch">A completed collect.</param>
    public void Accept(SampleBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var samples = batch.Samples;
        lock (_appendLock)
        {
            var wal = RequireOpen();
            if (_walBuffer.Length < samples.Length)
            {
                _walBuffer = new WalSample[Math.Max(samples.Length, _walBuffer.Length * 2)];
            }

            var logged = 0;
            foreach (ref readonly var sample in samples)
            {
                var series = Resolve(sample.Series, wal);
                var outcome = _head.Append(series, sample.TimestampMs, sample.Value);
                if (outcome == AppendOutcome.Appended)
                {
                    _walBuffer[logged++] = new WalSample(series.Id, sample.TimestampMs, sample.Value);
                }
                else
                {
                    _rejected[(int)outcome - 1]++;
                }
            }

            wal.LogSamples(_walBuffer.AsSpan(0, logged));
            _metrics.RecordAppends(logged, _rejected);
            Array.Clear(_rejected);
        }

        MaybeCutHead();
    }

    /// <summary>Stores one sample of a series named by its labels (remote write, imports, tests).</summary>
    /// <param name="labels">The labels, sorted by name, <c>__name__</c> included.</param>
    /// <param name="timestamp">Unix milliseconds.</param>
    /// <param name="value">The value.</param>
    /// <returns>What became of it.</returns>
    public AppendOutcome Append(ReadOnlySpan<Label> labels, long timestamp, double value)
    {
        AppendOutcome outcome;
        lock (_appendLock)
        {
            var wal = RequireOpen();
            var series = _head.GetOrCreate(labels, out var created);
            if (created)
            {
                wal.LogSeries(series.Id, series.Labels);
            }

            outcome = _head.Append(series, timestamp, value);
            if (outcome == AppendOutcome.Appended)
            {
                wal.LogSamples([new WalSample(series.Id, timestamp, value)]);
                _metrics.RecordAppends(1, []);
            }
            else
            {
                _rejected[(int)outcome - 1]++;
                _metrics.RecordAppends(0, _rejected);
                Array.Clear(_rejected);
            }
        }

        MaybeCutHead();
        return outcome;
    }

    /// <summary>Writes buffered log records out now (and fsyncs when configured): acknowledged from here on.</summary>
    public void Flush() => FlushWal();

    /// <inheritdoc />
    public void Dispose()
    {
        // The engine disposes the store when it stops and the container does again when the host ends; if the stop
        // overruns the host's shutdown timeout the two calls can meet, and only the first may close the log.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _flushTimer?.Dispose();
        StopMaintenance();
        if (_wal is not null)
        {
            // A clean stop leaves a snapshot, so the next start restores the head without replaying the log.
            try
            {
                WriteSnapshot();
            }
            catch (IOException ex)
            {
                LogSnapshotFailed(ex);
            }

            _wal.Dispose();
        }

        _blocks.Dispose();
        _head.Dispose();
        _lockFile?.Dispose();
    }

    private MemSeries Resolve(Series series, WalWriter wal)
    {
        if (series.StoreSlot is MemSeries cached && cached.Owner == _head && !cached.Removed)
        {
            return cached;
        }

        var labels = WithMetricName(series.Metric, series.Labels);
        var stored = _head.GetOrCreate(labels, out var created);
        if (created)
        {
            wal.LogSeries(stored.Id, stored.Labels);
        }

        series.StoreSlot = stored;
        return stored;
    }

    private static Label[] WithMetricName(string metric, IReadOnlyList<Label> labels)
    {
        var all = new Label[labels.Count + 1];
        var at = 0;
        var placed = false;
        foreach (var label in labels)
        {
            if (!placed && string.CompareOrdinal(Storage.LabelNames.MetricName, label.Name) < 0)
            {
                all[at++] = new Label(Storage.LabelNames.MetricName, metric);
                placed = true;
            }

            all[at++] = label;
        }

        if (!placed)
        {
            all[at] = new Label(Storage.LabelNames.MetricName, metric);
        }

        return all;
    }

    private WalWriter RequireOpen()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _wal ?? throw new InvalidOperationException("The store is not open yet.");
    }

    private void FlushWal()
    {
        try
        {
            _wal?.Flush(_options.WalFsync);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _metrics.RecordWalFlushFailure();
            LogFlushFailed(ex);
        }
        catch (ObjectDisposedException)
        {
            // A last tick racing Dispose: the final flush happens there.
        }
    }

    private static FileStream TakeLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"The store folder {Path.GetDirectoryName(path)} is in use by another process ({ex.Message}).", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store opened at {Path}: {Blocks} blocks ({Corrupt} corrupt, skipped), head {Series} series / {Samples} samples restored in {ElapsedMs:F0} ms")]
    private partial void LogOpened(string path, int blocks, int corrupt, int series, long samples, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Write-ahead log flush failed; samples stay buffered and are retried at the next flush")]
    private partial void LogFlushFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Head snapshot failed; the log is kept, so nothing is lost")]
    private partial void LogSnapshotFailed(Exception exception);
}
