using Dashboard.Abstractions;

namespace Dashboard.Core.Storage.Wal;

/// <summary>
/// Appends series and samples to a write-ahead log: a directory of numbered segment files holding framed records
/// (see <see cref="RecordFraming"/>). Appends are buffered in memory; <see cref="Flush"/> hands them to the OS (they
/// then survive the process being killed) and, when asked, to the disk (they then survive a power loss).
/// </summary>
/// <remarks>
/// <para>One thread appends at a time while others flush, cut or delete segments: an append waits for a flush only
/// while it swaps buffers, never for its I/O. Past <see cref="WalOptions.WriteThresholdBytes"/> the appender writes
/// the buffer itself, unless a flush is running.</para>
/// <para>On start, replay with <see cref="WalReader.Replay"/> and, when it reports corruption (a crash leaves a torn
/// tail), run <see cref="WalRepair.Repair"/> before opening a writer: a writer always starts a new segment, and replay
/// never reads past a damaged one.</para>
/// </remarks>
public sealed class WalWriter : IDisposable
{
    private readonly string _directory;
    private readonly long _segmentSizeLimit;
    private readonly int _writeThreshold;

    // Order: _fileLock before _bufferLock. The appender takes only _bufferLock; I/O runs under _fileLock alone.
    private readonly Lock _bufferLock = new();
    private readonly Lock _fileLock = new();

    // Segments closed since the last fsync, still open so that the next Flush(fsync: true) can sync them. Syncing as
    // they close would stall whichever thread crossed the size limit, the appender included, for a whole segment's
    // worth of disk writes.
    private readonly List<(int Segment, FileStream Stream)> _unsynced = [];

    private WalRecordBuffer _appending;
    private WalRecordBuffer _writing;
    private FileStream _segment;
    private long _segmentBytes;
    private int _currentSegment;
    private long _sizeBytes;
    private long _appendingBytes;
    private long _writingBytes;
    private volatile bool _disposed;
    private volatile Exception? _failure;

    /// <summary>Opens the log in <paramref name="directory"/> (created if missing) and starts a new segment after the
    /// highest present: an existing segment may end in a torn record, and records appended after it would be lost to
    /// replay.</summary>
    /// <param name="directory">The WAL directory.</param>
    /// <param name="options">Segment size and write threshold.</param>
    public WalWriter(string directory, WalOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        _directory = directory;
        _segmentSizeLimit = options.SegmentSizeBytes;
        _writeThreshold = options.WriteThresholdBytes;
        _appending = new WalRecordBuffer(_segmentSizeLimit);
        _writing = new WalRecordBuffer(_segmentSizeLimit);

        Directory.CreateDirectory(directory);
        var existing = WalSegmentFiles.List(directory);
        foreach (var segment in existing)
        {
            _sizeBytes += new FileInfo(WalSegmentFiles.PathOf(directory, segment)).Length;
        }

        _currentSegment = existing.Count == 0 ? 1 : checked(existing[^1] + 1);
        _segment = WalSegmentFiles.Create(directory, _currentSegment);
    }

    /// <summary>Bytes appended but not yet handed to the OS.</summary>
    public long BufferedBytes => Volatile.Read(ref _appendingBytes) + Volatile.Read(ref _writingBytes);

    /// <summary>Bytes of all segment files in the directory, as written so far.</summary>
    public long SizeBytes => Interlocked.Read(ref _sizeBytes);

    /// <summary>The segment that flushes write into.</summary>
    public int CurrentSegment => Volatile.Read(ref _currentSegment);

    /// <summary>Logs a new series. Log it before any of its samples.</summary>
    /// <param name="seriesRef">The series' ref, as its samples will name it.</param>
    /// <param name="labels">Its labels, sorted by name, <c>__name__</c> included.</param>
    public void LogSeries(int seriesRef, ReadOnlySpan<Label> labels)
    {
        lock (_bufferLock)
        {
            ThrowIfUnusable();
            _appending.AppendSeries(seriesRef, labels);
            Volatile.Write(ref _appendingBytes, _appending.Length);
        }

        WriteIfAboveThreshold();
    }

    /// <summary>Logs samples, in order. Allocates nothing once the buffer has grown to the working size.</summary>
    /// <param name="samples">The samples; their series must have been logged.</param>
    public void LogSamples(ReadOnlySpan<WalSample> samples)
    {
        lock (_bufferLock)
        {
            ThrowIfUnusable();
            _appending.AppendSamples(samples);
            Volatile.Write(ref _appendingBytes, _appending.Length);
        }

        WriteIfAboveThreshold();
    }

    /// <summary>Writes everything logged so far to the current segment (cutting new ones as they fill).</summary>
    /// <param name="fsync">Also wait until the disk has it (and every segment closed since the last fsync), so that it
    /// survives a power loss; without it, the data survives the process being killed, not the machine failing.</param>
    public void Flush(bool fsync)
    {
        lock (_fileLock)
        {
            ThrowIfUnusable();
            try
            {
                WriteBuffered();
                if (fsync)
                {
                    SyncToDisk();
                }
            }
            catch (Exception exception) when (Fail(exception))
            {
                throw;
            }
        }
    }

    /// <summary>Flushes (without fsync), closes the current segment and starts the next. Everything logged before the
    /// call is in earlier segments; everything after, in the new one or later.</summary>
    /// <returns>The new segment's number.</returns>
    public int CutSegment()
    {
        lock (_fileLock)
        {
            ThrowIfUnusable();
            try
            {
                WriteBuffered();
                StartSegment(_currentSegment + 1);
            }
            catch (Exception exception) when (Fail(exception))
            {
                throw;
            }

            return _currentSegment;
        }
    }

    /// <summary>Deletes the segments numbered below <paramref name="segment"/>, once their content is kept elsewhere
    /// (a snapshot, a block). The current segment is never deleted.</summary>
    /// <param name="segment">The first segment to keep.</param>
    /// <returns>How many segments were deleted.</returns>
    public int DeleteSegmentsBefore(int segment)
    {
        lock (_fileLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var deleted = 0;
            foreach (var present in WalSegmentFiles.List(_directory))
            {
                if (present >= segment || present >= _currentSegment)
                {
                    break;
                }

                var path = WalSegmentFiles.PathOf(_directory, present);
                var length = new FileInfo(path).Length;
                var unsynced = _unsynced.FindIndex(closed => closed.Segment == present);
                if (unsynced >= 0)
                {
                    _unsynced[unsynced].Stream.Dispose();
                    _unsynced.RemoveAt(unsynced);
                }

                File.Delete(path);
                Interlocked.Add(ref _sizeBytes, -length);
                deleted++;
            }

            return deleted;
        }
    }

    /// <summary>Flushes with fsync and closes the segment. Throws if that final flush fails (the segment is closed
    /// all the same).</summary>
    public void Dispose()
    {
        lock (_fileLock)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                if (_failure is null)
                {
                    WriteBuffered();
                    SyncToDisk();
                }
            }
            finally
            {
                lock (_bufferLock)
                {
                    _disposed = true;
                }

                foreach (var (_, stream) in _unsynced)
                {
                    stream.Dispose();
                }

                _unsynced.Clear();
                _segment.Dispose();
            }
        }
    }

    private void WriteIfAboveThreshold()
    {
        // A timer flush in progress (maybe in fsync) will take these bytes anyway; waiting for it would stall ingest.
        if (Volatile.Read(ref _appendingBytes) < _writeThreshold || !_fileLock.TryEnter())
        {
            return;
        }

        try
        {
            if (!_disposed && _failure is null)
            {
                WriteBuffered();
            }
        }
        catch (Exception exception) when (Fail(exception))
        {
            throw;
        }
        finally
        {
            _fileLock.Exit();
        }
    }

    /// <summary>Swaps buffers so the appender goes on at once, then writes the sealed records. Holds _fileLock.</summary>
    private void WriteBuffered()
    {
        lock (_bufferLock)
        {
            _appending.Seal();
            (_appending, _writing) = (_writing, _appending);
            Volatile.Write(ref _writingBytes, _writing.Length);
            Volatile.Write(ref _appendingBytes, 0);
        }

        var records = _writing.Sealed;
        var start = 0;
        var position = 0;
        while (position < records.Length)
        {
            var size = RecordFraming.HeaderSize + RecordFraming.PayloadLength(records[position..]);
            var pending = _segmentBytes + (position - start);
            if (pending + size > _segmentSizeLimit && pending > 0)
            {
                Append(records[start..position]);
                start = position;
                StartSegment(_currentSegment + 1);
            }

            position += size;
        }

        Append(records[start..]);
        _writing.Clear();
        Volatile.Write(ref _writingBytes, 0);
    }

    private void Append(ReadOnlySpan<byte> records)
    {
        if (records.IsEmpty)
        {
            return;
        }

        _segment.Write(records);
        _segmentBytes += records.Length;
        Interlocked.Add(ref _sizeBytes, records.Length);
    }

    private void StartSegment(int segment)
    {
        var next = WalSegmentFiles.Create(_directory, segment);
        _unsynced.Add((_currentSegment, _segment));
        _segment = next;
        _segmentBytes = 0;
        Volatile.Write(ref _currentSegment, segment);
    }

    private void SyncToDisk()
    {
        // Older segments first: a synced record must never follow one that a power loss could still take.
        foreach (var (_, stream) in _unsynced)
        {
            stream.Flush(flushToDisk: true);
            stream.Dispose();
        }

        _unsynced.Clear();
        _segment.Flush(flushToDisk: true);
    }

    private bool Fail(Exception exception)
    {
        // Records may have reached the file only in part; appending after them would hide everything later from
        // replay, so the writer refuses further work and the owner has to replay, repair and reopen.
        _failure ??= exception;
        return false;
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is { } failure)
        {
            throw new InvalidOperationException("The WAL failed to write and takes no more records; replay, repair and reopen it.", failure);
        }
    }
}
