using System.Buffers;
using Dashboard.Core.RemoteWrite;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Host.Api;

/// <summary>
/// <c>POST /api/v1/write</c>: the Prometheus remote_write 1.0 receiver (writer role). A snappy-compressed protobuf
/// <c>WriteRequest</c> goes into the store, where queries and exports see it. Answers as Prometheus does, so a
/// sender retries only what may succeed later: 204 stored; 400 (not retried) for a body that cannot be read, an
/// invalid series or refused samples, with a problem detail naming the cause; 413 above the size limit; 415 for
/// another content type or encoding.
/// </summary>
internal static partial class RemoteWriteEndpoints
{
    /// <summary>Registers the receiver's options (section <c>Dashboard:RemoteWrite:Receiver</c>).</summary>
    public static IServiceCollection AddRemoteWriteReceiver(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RemoteWriteReceiverOptions>()
            .Bind(configuration.GetSection(RemoteWriteReceiverOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    public static void MapRemoteWriteEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/write", WriteAsync);

    private static async Task<IResult> WriteAsync(HttpContext context, RemoteWriteReceiver receiver,
        IOptions<RemoteWriteReceiverOptions> options, ILoggerFactory loggers)
    {
        var limits = options.Value;
        var request = context.Request;
        var logger = loggers.CreateLogger(typeof(RemoteWriteEndpoints).FullName!);
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.ToString() : request.ContentType;
        if (!string.Equals(mediaType, RemoteWriteProtocol.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(logger, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"the body must be '{RemoteWriteProtocol.ContentType}' (a snappy-compressed protobuf WriteRequest), not '{request.ContentType}'");
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        if (encoding.Length > 0 && !string.Equals(encoding, RemoteWriteProtocol.ContentEncoding, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(logger, StatusCodes.Status415UnsupportedMediaType, "Unsupported content encoding",
                $"the body must be '{RemoteWriteProtocol.ContentEncoding}' block-compressed, not '{encoding}'");
        }

        if (request.ContentLength > limits.MaxRequestBytes)
        {
            return TooLarge(logger, $"the body has {request.ContentLength} bytes, above the limit of {limits.MaxRequestBytes} (Dashboard:RemoteWrite:Receiver:MaxRequestBytes)");
        }

        // Kestrel's own limit (30 MB by default) must not answer before ours, whichever is larger.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limits.MaxRequestBytes + 1L;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 64 * 1024, limits.MaxRequestBytes) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limits.MaxRequestBytes)
                    {
                        return TooLarge(logger, $"the body is above the limit of {limits.MaxRequestBytes} bytes (Dashboard:RemoteWrite:Receiver:MaxRequestBytes)");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limits.MaxRequestBytes + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > limits.MaxRequestBytes)
            {
                return TooLarge(logger, $"the body is above the limit of {limits.MaxRequestBytes} bytes (Dashboard:RemoteWrite:Receiver:MaxRequestBytes)");
            }

            Core.RemoteWrite.Protocol.WriteRequest decoded;
            try
            {
                decoded = RemoteWriteProtocol.Decode(buffer.AsSpan(0, length), limits.MaxDecodedBytes);
            }
            catch (RemoteWriteFormatException ex) when (ex.IsTooLarge)
            {
                return TooLarge(logger, $"{ex.Message} (Dashboard:RemoteWrite:Receiver:MaxDecodedBytes)");
            }
            catch (RemoteWriteFormatException ex)
            {
                return Refuse(logger, StatusCodes.Status400BadRequest, "Unreadable remote_write body", ex.Message);
            }

            var result = receiver.Write(decoded);
            return result.Error is null
                ? Results.NoContent()
                : Refuse(logger, StatusCodes.Status400BadRequest, "Samples refused", result.Error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult TooLarge(ILogger logger, string detail) =>
        Refuse(logger, StatusCodes.Status413PayloadTooLarge, "Request too large", detail);

    private static IResult Refuse(ILogger logger, int status, string title, string detail)
    {
        LogRefused(logger, status, detail);
        return Results.Problem(statusCode: status, title: title, detail: detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "remote_write request refused with {Status}: {Detail}")]
    private static partial void LogRefused(ILogger logger, int status, string detail);
}
