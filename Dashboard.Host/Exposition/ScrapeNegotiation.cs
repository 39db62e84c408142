using Dashboard.Core.Exposition;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Host.Exposition;

/// <summary>Picks the exposition format from a scraper's <c>Accept</c> header, the way Prometheus offers them.</summary>
internal static class ScrapeNegotiation
{
    /// <summary>The content type of the Prometheus text format.</summary>
    public const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The content type of OpenMetrics.</summary>
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /// <summary>
    /// OpenMetrics when the client ranks it above the text format (Prometheus 2.42 sends
    /// <c>application/openmetrics-text;version=1.0.0,…,text/plain;version=0.0.4;q=0.5,*/*;q=0.1</c>); otherwise text.
    /// </summary>
    /// <param name="accept">The <c>Accept</c> header values.</param>
    /// <returns>The format to answer in.</returns>
    public static TextExpositionFormat Choose(StringValues accept)
    {
        if (!MediaTypeHeaderValue.TryParseList(accept, out var offered))
        {
            return TextExpositionFormat.Prometheus;
        }

        double openMetrics = 0, text = 0;
        foreach (var type in offered)
        {
            var quality = type.Quality ?? 1;
            if (type.MediaType.Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase))
            {
                openMetrics = Math.Max(openMetrics, quality);
            }
            else if (type.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase) || type.MatchesAllTypes)
            {
                text = Math.Max(text, quality);
            }
        }

        return openMetrics > text ? TextExpositionFormat.OpenMetrics : TextExpositionFormat.Prometheus;
    }
}
