namespace Dashboard.Core.Storage.Blocks;

/// <summary>
/// A read-only view of a file whose asynchronous reads complete synchronously. The Arrow file reader offers random
/// access to record batches only through async methods; over this stream they finish before returning, so a block
/// can read a batch from synchronous code without blocking on the thread pool.
/// </summary>
internal sealed class SynchronousReadStream(FileStream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    /// <summary>The result of an Arrow reader call made over this stream, which has completed by construction.</summary>
    /// <exception cref="InvalidOperationException">The call did not complete synchronously.</exception>
    public static T Result<T>(ValueTask<T> pending)
    {
        if (!pending.IsCompleted)
        {
            throw new InvalidOperationException("An Arrow read over a synchronous stream did not complete synchronously.");
        }

        return pending.Result;
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(inner.Read(buffer, offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(inner.Read(buffer.Span));

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
