using System.Globalization;
using Dashboard.Abstractions;
using Dashboard.Core.Export;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Index;
using Dashboard.Host.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Host.Api;

/// <summary>
/// <c>GET /api/v1/export?match[]=…&amp;start=…&amp;end=…&amp;format=arrow|parquet|csv</c>: the stored samples of the
/// selected series as a file download, streamed block by block (never the whole result in memory). Parameters as in
/// Prometheus's HTTP API; a bad one is a 400 problem naming it.
/// </summary>
internal static partial class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/export", ExportAsync).RequireRateLimiting(RateLimitPolicies.Query);

    private static async Task<IResult> ExportAsync(HttpContext context, TsdbStore store, TimeProvider time, ILoggerFactory loggers)
    {
        if (!ExportRequest.TryParse(context.Request.Query, time.GetUtcNow(), out var request, out var error))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid export request", detail: error);
        }

        var series = Select(store, request);
        var writer = ExportWriters.For(request.Format);
        var response = context.Response;
        response.ContentType = writer.ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = FileName(request.End, writer.FileExtension),
        }.ToString();

        // Blocks must reach the client as they are written, not be held until the end.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var logger = loggers.CreateLogger(typeof(ExportEndpoints).FullName!);
        var samples = series.Sum(s => (long)s.MaxSampleCount);
        LogStarted(logger, request.Format, series.Count, samples);
        try
        {
            await writer.WriteAsync(response.Body, series, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            LogAborted(logger, request.Format, series.Count);
        }
        catch (Exception ex) when (response.HasStarted)
        {
            // Too late for a problem response: cutting the connection keeps a broken file from looking complete.
            LogFailed(logger, ex, request.Format);
            context.Abort();
        }

        return Results.Empty;
    }

    /// <summary>The union of the selectors' series, each once, ordered by labels.</summary>
    private static List<SelectedSeries> Select(TsdbStore store, ExportRequest request)
    {
        var found = new Dictionary<Label[], SelectedSeries>(LabelSetComparer.Instance);
        foreach (var matchers in request.Selectors)
        {
            foreach (var series in store.Select(matchers, request.Start, request.End))
            {
                found.TryAdd(series.Labels, series);
            }
        }

        return [.. found.Values.OrderBy(s => s.Labels, LabelSetComparer.Instance)];
    }

    private static string FileName(long end, string extension)
    {
        var stamp = end is >= -62_135_596_800_000 and <= 253_402_300_799_999
            ? "-" + DateTimeOffset.FromUnixTimeMilliseconds(end).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
            : string.Empty;
        return $"dashboard-export{stamp}.{extension}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exporting {Format}: {Series} series, at most {Samples} samples")]
    private static partial void LogStarted(ILogger logger, ExportFormat format, int series, long samples);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export as {Format} of {Series} series stopped: the client went away")]
    private static partial void LogAborted(ILogger logger, ExportFormat format, int series);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export as {Format} failed after the response had started")]
    private static partial void LogFailed(ILogger logger, Exception exception, ExportFormat format);
}
