using System.Globalization;
using Dashboard.Core.Storage.Chunks;
using Microsoft.Win32.SafeHandles;

namespace Dashboard.Core.Storage.Head;

/// <summary>
/// Keeps the bytes of sealed head chunks out of memory, in append-only files (<c>chunks_head/NNNNNNNN</c>) read back
/// on demand, as Prometheus keeps its full head chunks in memory-mapped files. The files are a cache, not a source of
/// truth: recovery rebuilds the head from the snapshot and the log, so they are deleted at start.
/// </summary>
internal sealed class HeadChunkFile : IDisposable
{
    private const long FileSizeLimit = 128L * 1024 * 1024;

    private readonly string _directory;
    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<int, (SafeFileHandle Handle, long MaxTime)> _files = [];
    private int _current;
    private long _length;

    public HeadChunkFile(string directory)
    {
        _directory = directory;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        Open(1);
    }

    public long SizeBytes
    {
        get
        {
            _gate.EnterReadLock();
            try
            {
                return _files.Values.Sum(f => RandomAccess.GetLength(f.Handle));
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
    }

    /// <summary>Appends a chunk's bytes; returns where they are.</summary>
    public HeadChunkLocation Write(StoredChunk chunk)
    {
        _gate.EnterWriteLock();
        try
        {
            if (_length + chunk.Data.Length > FileSizeLimit && _length > 0)
            {
                Open(_current + 1);
            }

            var file = _files[_current];
            RandomAccess.Write(file.Handle, chunk.Data.Span, _length);
            var location = new HeadChunkLocation(_current, _length, chunk.Data.Length);
            _length += chunk.Data.Length;
            _files[_current] = (file.Handle, Math.Max(file.MaxTime, chunk.MaxTime));
            return location;
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>Reads a chunk's bytes back; <see langword="null"/> when its file was deleted (the data is in a block).</summary>
    public byte[]? Read(HeadChunkLocation location)
    {
        _gate.EnterReadLock();
        try
        {
            if (!_files.TryGetValue(location.File, out var file))
            {
                return null;
            }

            var data = new byte[location.Length];
            var read = RandomAccess.Read(file.Handle, data, location.Offset);
            return read == data.Length ? data : throw new IOException($"head chunk file {location.File} is short at {location.Offset}");
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Deletes the files whose every chunk ends before <paramref name="minTime"/>.</summary>
    public void DeleteBefore(long minTime)
    {
        _gate.EnterWriteLock();
        try
        {
            foreach (var (number, file) in _files.Where(f => f.Key != _current && f.Value.MaxTime < minTime).ToList())
            {
                file.Handle.Dispose();
                _files.Remove(number);
                File.Delete(PathOf(number));
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            file.Handle.Dispose();
        }

        _files.Clear();
        _gate.Dispose();
    }

    private void Open(int number)
    {
        var handle = File.OpenHandle(PathOf(number), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        _files[number] = (handle, long.MinValue);
        _current = number;
        _length = 0;
    }

    private string PathOf(int number) => Path.Combine(_directory, number.ToString("D8", CultureInfo.InvariantCulture));
}
