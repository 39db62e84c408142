using System.Buffers;
using Dashboard.Core.RemoteWrite.Protocol;
using Google.Protobuf;
using Snappier;

namespace Dashboard.Core.RemoteWrite;

/// <summary>
/// The remote_write 1.0 wire format (protocol version 0.1.0): a protobuf <see cref="WriteRequest"/>, snappy
/// block-compressed (not the framed stream format), posted with these headers.
/// </summary>
public static class RemoteWriteProtocol
{
    /// <summary>The request's content type.</summary>
    public const string ContentType = "application/x-protobuf";

    /// <summary>The request's content encoding.</summary>
    public const string ContentEncoding = "snappy";

    /// <summary>The header that names the protocol version.</summary>
    public const string VersionHeader = "X-Prometheus-Remote-Write-Version";

    /// <summary>The protocol version we speak.</summary>
    public const string Version = "0.1.0";

    /// <summary>A request body as remote_write posts it: protobuf content type, snappy encoding, protocol version.</summary>
    /// <param name="body">The encoded body (<see cref="Encode"/>).</param>
    /// <returns>The content; the caller disposes it.</returns>
    public static HttpContent Content(ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(ContentType);
        content.Headers.ContentEncoding.Add(ContentEncoding);
        content.Headers.Add(VersionHeader, Version);
        return content;
    }

    /// <summary>Serialises and compresses a request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The body to post.</returns>
    public static byte[] Encode(WriteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = request.CalculateSize();
        var raw = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            request.WriteTo(raw.AsSpan(0, size));
            return Snappy.CompressToArray(raw.AsSpan(0, size));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>
    /// Decompresses and parses a request body, refusing one whose decompressed size is above
    /// <paramref name="maxDecodedBytes"/> before allocating for it.
    /// </summary>
    /// <param name="body">The posted bytes.</param>
    /// <param name="maxDecodedBytes">The most bytes the decompressed message may have.</param>
    /// <returns>The request.</returns>
    /// <exception cref="RemoteWriteFormatException">The body is not snappy, too large once decompressed, or not a WriteRequest.</exception>
    public static WriteRequest Decode(ReadOnlySpan<byte> body, int maxDecodedBytes)
    {
        int length;
        try
        {
            length = Snappy.GetUncompressedLength(body);
        }
        catch (InvalidDataException ex)
        {
            throw new RemoteWriteFormatException($"the body is not snappy block-compressed data: {ex.Message}", ex);
        }

        if (length > maxDecodedBytes)
        {
            throw new RemoteWriteFormatException(
                $"the body decompresses to {length} bytes, above the limit of {maxDecodedBytes} bytes", isTooLarge: true);
        }

        var raw = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            int decoded;
            try
            {
                decoded = Snappy.Decompress(body, raw);
            }
            catch (InvalidDataException ex)
            {
                throw new RemoteWriteFormatException($"the body is not valid snappy block-compressed data: {ex.Message}", ex);
            }

            try
            {
                return WriteRequest.Parser.ParseFrom(raw.AsSpan(0, decoded));
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new RemoteWriteFormatException($"the decompressed body is not a protobuf WriteRequest: {ex.Message}", ex);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }
}
