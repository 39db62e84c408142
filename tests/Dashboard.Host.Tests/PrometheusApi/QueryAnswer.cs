using System.Globalization;
using System.Text.Json;

namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>
/// An answer of <c>/api/v1/query</c> or <c>/api/v1/query_range</c>, read into what the golden comparison looks at:
/// the HTTP status, <c>status</c>, <c>errorType</c> and <c>error</c>, <c>resultType</c>, and each series (by its
/// label set) with its points. A scalar or string result is one unlabelled series of one point.
/// </summary>
internal sealed class QueryAnswer
{
    private QueryAnswer(int httpStatus, string body)
    {
        HttpStatus = httpStatus;
        Body = body;
    }

    /// <summary>The HTTP status code.</summary>
    public int HttpStatus { get; }

    /// <summary>The body as received, for failure messages.</summary>
    public string Body { get; }

    /// <summary><c>success</c> or <c>error</c>; null when the body is not Prometheus's JSON envelope.</summary>
    public string? Status { get; private init; }

    /// <summary>The <c>errorType</c> of an error.</summary>
    public string? ErrorType { get; private init; }

    /// <summary>The <c>error</c> text of an error.</summary>
    public string? Error { get; private init; }

    /// <summary><c>vector</c>, <c>matrix</c>, <c>scalar</c> or <c>string</c>.</summary>
    public string? ResultType { get; private init; }

    /// <summary>The series by label set (<see cref="Key"/>), each with its points in the order received.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<QueryPoint>> Series { get; private init; } = new Dictionary<string, IReadOnlyList<QueryPoint>>();

    /// <summary>Whether this is a success holding no series (a scalar or string counts as data).</summary>
    public bool IsEmpty => Status == "success" && Series.Count == 0;

    /// <summary>Reads an answer; a body that is not the envelope gives an answer with a null <see cref="Status"/>.</summary>
    public static QueryAnswer Parse(int httpStatus, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var status = root.GetProperty("status").GetString();
            if (status != "success")
            {
                return new QueryAnswer(httpStatus, body)
                {
                    Status = status,
                    ErrorType = root.TryGetProperty("errorType", out var type) ? type.GetString() : null,
                    Error = root.TryGetProperty("error", out var error) ? error.GetString() : null,
                };
            }

            var data = root.GetProperty("data");
            var resultType = data.GetProperty("resultType").GetString();
            var result = data.GetProperty("result");
            var series = new Dictionary<string, IReadOnlyList<QueryPoint>>(StringComparer.Ordinal);
            if (resultType is "scalar" or "string")
            {
                series.Add("{}", [Point(result)]);
            }
            else
            {
                foreach (var item in result.EnumerateArray())
                {
                    var key = Key(item.GetProperty("metric"));
                    IReadOnlyList<QueryPoint> points = item.TryGetProperty("values", out var values)
                        ? [.. values.EnumerateArray().Select(Point)]
                        : [Point(item.GetProperty("value"))];
                    // A repeated label set is a fault of the answer: keep both, so the comparison reports it.
                    var unique = key;
                    for (var n = 2; series.ContainsKey(unique); n++)
                    {
                        unique = $"{key} (copy {n})";
                    }

                    series.Add(unique, points);
                }
            }

            return new QueryAnswer(httpStatus, body) { Status = status, ResultType = resultType, Series = series };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return new QueryAnswer(httpStatus, body);
        }
    }

    /// <summary>A label set as text: <c>{a="x",b="y"}</c>, names sorted, values JSON-escaped.</summary>
    public static string Key(JsonElement metric) =>
        "{" + string.Join(',', metric.EnumerateObject()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + JsonSerializer.Serialize(p.Value.GetString()))) + "}";

    /// <summary>A short form for failure messages: status, type and size, or the error.</summary>
    public string Summary() => Status switch
    {
        "success" => $"{HttpStatus} {ResultType} with {Series.Count} series, {Series.Values.Sum(p => p.Count)} points",
        "error" => $"{HttpStatus} {ErrorType}: {Error}",
        _ => $"{HttpStatus} not Prometheus's envelope: {Truncate(Body, 300)}",
    };

    private static QueryPoint Point(JsonElement pair) =>
        new(decimal.Parse(pair[0].GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture), pair[1].GetString()!);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
