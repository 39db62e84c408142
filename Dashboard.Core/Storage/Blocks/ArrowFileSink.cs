using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>One Arrow IPC file of a block being written: record batches go out as they are built, and
/// <see cref="Finish"/> makes the file durable and reports its size and checksum.</summary>
internal sealed class ArrowFileSink : IDisposable
{
    private const int FileBufferSize = 1 << 20;

    private readonly string _name;
    private readonly FileStream _file;
    private readonly HashingWriteStream _hashing;
    private readonly ArrowFileWriter _writer;

    public ArrowFileSink(string directory, string name, Schema schema)
    {
        _name = name;
        _file = new FileStream(Path.Combine(directory, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, FileBufferSize);
        _hashing = new HashingWriteStream(_file);
        _writer = new ArrowFileWriter(_hashing, schema, leaveOpen: true, BlockLayout.WriteOptions());
        _writer.WriteStart();
    }

    /// <summary>Writes one record batch and frees its buffers.</summary>
    public void Write(RecordBatch batch)
    {
        using (batch)
        {
            _writer.WriteRecordBatch(batch);
        }
    }

    /// <summary>Writes the footer, flushes the file to disk and describes it.</summary>
    public BlockFile Finish()
    {
        _writer.WriteEnd();
        _hashing.Flush();
        _file.Flush(flushToDisk: true);
        return new BlockFile(_name, _hashing.Length, _hashing.Hash);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _hashing.Dispose();
        _file.Dispose();
    }
}
