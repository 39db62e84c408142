using System.IO.Compression;
using Dashboard.Core.Exposition;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Host.Exposition;

/// <summary>
/// <c>GET /metrics</c>: the latest value of every collected series, then the host's own families, in the text format
/// or OpenMetrics as negotiated, gzipped when the scraper accepts it.
/// </summary>
internal static partial class MetricsEndpoint
{
    public static void MapMetricsEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/metrics", ScrapeAsync).ExcludeFromDescription();

    private static async Task ScrapeAsync(HttpContext context, SelfMetrics self, CollectedExposition collected,
        ILogger<SelfMetrics> logger)
    {
        var cancellationToken = context.RequestAborted;
        var format = ScrapeNegotiation.Choose(context.Request.Headers.Accept);
        var (ownText, ownFamilies) = await self.ExportAsync(format, cancellationToken);

        var response = context.Response;
        response.ContentType = format == TextExpositionFormat.OpenMetrics
            ? ScrapeNegotiation.OpenMetricsContentType
            : ScrapeNegotiation.PrometheusContentType;
        var gzip = AcceptsGzip(context.Request);
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        var body = gzip ? new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true) : response.Body;
        await using (body.ConfigureAwait(false))
        {
            var tally = await collected.WriteAsync(body, format, ownFamilies, cancellationToken);
            if (tally.LeftOutFamilies > 0)
            {
                LogLeftOut(logger, tally.LeftOutFamilies);
            }

            // The host's families go last: in OpenMetrics they end with the "# EOF" the whole exposition needs.
            await body.WriteAsync(ownText, cancellationToken);
        }
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var encodings)
        && encodings.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "{Families} collected metric families share a name with the host's own and were left out of /metrics (they are stored and queryable)")]
    private static partial void LogLeftOut(ILogger logger, int families);
}
