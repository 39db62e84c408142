using Dashboard.Core.Export;
using Dashboard.Core.Query;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Host.Api;

/// <summary>The parameters of <c>GET /api/v1/export</c>, checked.</summary>
/// <param name="Selectors">One list of matchers per <c>match[]</c>.</param>
/// <param name="Start">Range start, inclusive (Unix ms).</param>
/// <param name="End">Range end, inclusive (Unix ms).</param>
/// <param name="Format">The file format.</param>
internal sealed record ExportRequest(IReadOnlyList<IReadOnlyList<LabelMatcher>> Selectors, long Start, long End, ExportFormat Format)
{
    /// <summary>Reads the query string; on failure <paramref name="error"/> names the parameter and what is wrong.</summary>
    /// <param name="query">The query string.</param>
    /// <param name="now">The default end.</param>
    /// <param name="request">The request, when valid.</param>
    /// <param name="error">Why it is not, otherwise.</param>
    /// <returns>Whether the parameters are valid.</returns>
    public static bool TryParse(IQueryCollection query, DateTimeOffset now, out ExportRequest request, out string error)
    {
        request = null!;
        var texts = query["match[]"];
        if (texts.Count == 0)
        {
            error = "invalid parameter 'match[]': at least one series selector is required, e.g. match[]=up{job=\"node\"}";
            return false;
        }

        var selectors = new List<IReadOnlyList<LabelMatcher>>(texts.Count);
        foreach (var text in texts)
        {
            try
            {
                selectors.Add(SeriesSelectorParser.Parse(text ?? string.Empty));
            }
            catch (SelectorSyntaxException ex)
            {
                error = $"invalid parameter 'match[]': {ex.Message}";
                return false;
            }
        }

        if (!TryTime(query, "start", long.MinValue, out var start, out error)
            || !TryTime(query, "end", now.ToUnixTimeMilliseconds(), out var end, out error))
        {
            return false;
        }

        if (end < start)
        {
            error = $"invalid parameter 'end': end ({end} ms) must not be before start ({start} ms)";
            return false;
        }

        var format = query["format"].ToString();
        ExportFormat? parsed = format.ToUpperInvariant() switch
        {
            "" or "ARROW" => ExportFormat.Arrow,
            "PARQUET" => ExportFormat.Parquet,
            "CSV" => ExportFormat.Csv,
            _ => null,
        };
        if (parsed is not { } chosen)
        {
            error = $"invalid parameter 'format': unknown format '{format}'; expected arrow, parquet or csv";
            return false;
        }

        request = new ExportRequest(selectors, start, end, chosen);
        error = string.Empty;
        return true;
    }

    private static bool TryTime(IQueryCollection query, string name, long fallback, out long unixMs, out string error)
    {
        error = string.Empty;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            unixMs = fallback;
            return true;
        }

        if (PrometheusTime.TryParse(text, out unixMs))
        {
            return true;
        }

        error = $"invalid parameter '{name}': cannot parse '{text}' as RFC 3339 or Unix seconds";
        return false;
    }
}
