using System.IO.Hashing;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>
/// A forward-only stream that passes writes to a file and hashes and counts them on the way, so that a block file's
/// checksum costs no second read. It claims to be seekable because the Arrow file writer insists on it, though it only
/// ever reads the position; an actual move would break the running hash and is refused.
/// </summary>
internal sealed class HashingWriteStream(Stream inner) : Stream
{
    private readonly XxHash64 _hash = new();
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => _length;

    // The Arrow file writer reads the position to record where each record batch starts.
    public override long Position
    {
        get => _length;
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <summary>The hash of everything written so far, as 16 lowercase hex digits.</summary>
    public string Hash => _hash.GetCurrentHashAsUInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.Append(buffer);
        inner.Write(buffer);
        _length += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _length + offset,
            _ => _length + offset,
        };
        return target == _length ? _length : throw new NotSupportedException("A block file is written front to back.");
    }

    public override void SetLength(long value) => throw new NotSupportedException();
}
