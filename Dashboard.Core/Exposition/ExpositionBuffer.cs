using System.Buffers;
using System.Globalization;

namespace Dashboard.Core.Exposition;

/// <summary>
/// A pooled buffer in front of the response stream: the exposition copies bytes and formats numbers into it, and it
/// goes to the stream in large writes.
/// </summary>
internal sealed class ExpositionBuffer(Stream output) : IAsyncDisposable
{
    private const int Size = 64 * 1024;

    // Longest text of a double: sign, 17 significant digits, point, exponent.
    private const int MaxValueBytes = 32;

    private static readonly byte[] NaN = "NaN"u8.ToArray();
    private static readonly byte[] PositiveInfinity = "+Inf"u8.ToArray();
    private static readonly byte[] NegativeInfinity = "-Inf"u8.ToArray();

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Size);
    private int _used;

    /// <summary>Appends a line of a series: its prefix, the value and a newline.</summary>
    /// <param name="prefix">The series' <c>name{labels} </c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels a flush.</param>
    /// <returns>A task that completes when the line is buffered.</returns>
    public ValueTask WriteSampleAsync(byte[] prefix, double value, CancellationToken cancellationToken)
    {
        if (_buffer.Length - _used < prefix.Length + MaxValueBytes + 1)
        {
            return WriteSampleSlowAsync(prefix, value, cancellationToken);
        }

        WriteSample(prefix, value);
        return ValueTask.CompletedTask;
    }

    /// <summary>Appends bytes.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="cancellationToken">Cancels a flush.</param>
    /// <returns>A task that completes when they are buffered or written.</returns>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (_buffer.Length - _used < bytes.Length)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            if (bytes.Length > _buffer.Length)
            {
                await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        bytes.Span.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    /// <summary>Writes what is buffered to the stream.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_used > 0)
        {
            await output.WriteAsync(_buffer.AsMemory(0, _used), cancellationToken).ConfigureAwait(false);
            _used = 0;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask WriteSampleSlowAsync(byte[] prefix, double value, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_buffer.Length < prefix.Length + MaxValueBytes + 1)
        {
            // A series whose labels alone exceed the buffer: rare enough to pay for a bigger one.
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(prefix.Length + MaxValueBytes + 1);
        }

        WriteSample(prefix, value);
    }

    private void WriteSample(byte[] prefix, double value)
    {
        var span = _buffer.AsSpan(_used);
        prefix.CopyTo(span);
        var written = prefix.Length + FormatValue(value, span[prefix.Length..]);
        span[written++] = (byte)'\n';
        _used += written;
    }

    /// <summary>Formats a value the way Prometheus parses it: shortest round-trip text, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    private static int FormatValue(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value))
        {
            var text = double.IsNaN(value) ? NaN : value > 0 ? PositiveInfinity : NegativeInfinity;
            text.CopyTo(destination);
            return text.Length;
        }

        int written;

        // Whole numbers (counters, byte counts) are most values and format faster as integers.
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            ((long)value).TryFormat(destination, out written, default, CultureInfo.InvariantCulture);
            return written;
        }

        value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture);
        return written;
    }
}
