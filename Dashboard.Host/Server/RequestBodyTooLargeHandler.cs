using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Dashboard.Host.Server;

/// <summary>
/// Kestrel's refusal of a body above the limit (it throws on the first read) as a 413 problem that says the limit and
/// the key that sets it, instead of a 500.
/// </summary>
internal sealed partial class RequestBodyTooLargeHandler(ILogger<RequestBodyTooLargeHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return false;
        }

        var limit = httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        var key = httpContext.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>()?.ConfigurationKey ?? ServerLimitsOptions.MaxRequestBodyBytesKey;
        var detail = limit is null
            ? $"The request body is too large ({key})."
            : $"The request body is larger than the limit of {limit} bytes ({key}).";
        LogRefused(httpContext.Request.Method, httpContext.Request.Path, limit, key);
        await Results.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large")
            .ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: the body is above {Limit} bytes ({Key})")]
    private partial void LogRefused(string method, PathString path, long? limit, string key);
}
