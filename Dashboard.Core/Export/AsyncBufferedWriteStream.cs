using System.Buffers;

namespace Dashboard.Core.Export;

/// <summary>
/// A write-only, forward-only stream in front of a destination that may refuse synchronous I/O (ASP.NET's response
/// body does) and may cost a network frame per write. Writes are gathered into blocks and passed on asynchronously;
/// synchronous writes are held until the next asynchronous write or flush, and a synchronous flush is a no-op for
/// the same reason. <see cref="Position"/> counts the bytes written, which Parquet.Net reads for its offsets.
/// The destination is left open.
/// </summary>
internal sealed class AsyncBufferedWriteStream(Stream destination, int blockSize = AsyncBufferedWriteStream.DefaultBlockSize) : Stream
{
    /// <summary>The size at which gathered bytes are passed on without waiting for a flush.</summary>
    public const int DefaultBlockSize = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _pending = new(blockSize);
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        _written += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _written += buffer.Length;
        if (_pending.WrittenCount + buffer.Length < blockSize)
        {
            _pending.Write(buffer.Span);
            return;
        }

        // A large write goes straight through once what came before it is out, instead of being copied.
        await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async ValueTask SendPendingAsync(CancellationToken cancellationToken)
    {
        if (_pending.WrittenCount > 0)
        {
            await destination.WriteAsync(_pending.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _pending.ResetWrittenCount();
        }
    }
}
