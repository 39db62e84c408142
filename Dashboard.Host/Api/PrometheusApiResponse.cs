using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dashboard.Host.Api;

/// <summary>
/// An answer in Prometheus's JSON envelope, written straight to the response: <c>{"status":"success","data":…}</c>
/// (with <c>"warnings":[…]</c> when there are any), or <c>{"status":"error","errorType":"…","error":"…"}</c> with the
/// status Prometheus pairs with the error type. These routes do not answer problem+json: Grafana and promtool parse
/// this shape.
/// </summary>
internal sealed class PrometheusApiResponse : IResult
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Not HTML: label values go out as they are, the way Prometheus writes them (only JSON's own escapes).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Func<Utf8JsonWriter, Func<ValueTask>, Task>? _writeData;
    private readonly IReadOnlyList<string> _warnings;
    private readonly PrometheusApiError? _error;

    private PrometheusApiResponse(Func<Utf8JsonWriter, Func<ValueTask>, Task>? writeData, IReadOnlyList<string> warnings, PrometheusApiError? error)
    {
        _writeData = writeData;
        _warnings = warnings;
        _error = error;
    }

    /// <summary>A success whose <c>data</c> the callback writes (one JSON value).</summary>
    /// <param name="writeData">Writes the value of <c>data</c>.</param>
    /// <param name="warnings">Warnings to pass on, e.g. that a limit cut the result.</param>
    /// <returns>The answer.</returns>
    public static PrometheusApiResponse Success(Action<Utf8JsonWriter> writeData, IReadOnlyList<string>? warnings = null) =>
        new((json, _) =>
        {
            writeData(json);
            return Task.CompletedTask;
        }, warnings ?? [], null);

    /// <summary>
    /// A success whose data is large: the writer may call the flush it is given between parts, so the answer goes out
    /// while it is still being written instead of growing whole in memory first.
    /// </summary>
    /// <param name="writeData">Writes the value of <c>data</c>, calling the flush it is given when it likes.</param>
    /// <returns>The answer.</returns>
    public static PrometheusApiResponse Streamed(Func<Utf8JsonWriter, Func<ValueTask>, Task> writeData) => new(writeData, [], null);

    /// <summary>A success whose <c>data</c> is an array of strings.</summary>
    /// <param name="values">The strings.</param>
    /// <param name="warnings">Warnings to pass on.</param>
    /// <returns>The answer.</returns>
    public static PrometheusApiResponse Strings(IEnumerable<string> values, IReadOnlyList<string>? warnings = null) =>
        Success(json =>
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }, warnings);

    /// <summary>An error.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The answer.</returns>
    public static PrometheusApiResponse Failure(PrometheusApiError error) => new(null, [], error);

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = _error?.StatusCode ?? StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        json.WriteStartObject();
        if (_error is { } error)
        {
            json.WriteString("status", "error");
            json.WriteString("errorType", error.TypeText);
            json.WriteString("error", error.Message);
        }
        else
        {
            json.WriteString("status", "success");
            json.WritePropertyName("data");
            await _writeData!(json, async () =>
            {
                await json.FlushAsync(httpContext.RequestAborted);
                await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
            });
            if (_warnings.Count > 0)
            {
                json.WriteStartArray("warnings");
                foreach (var warning in _warnings)
                {
                    json.WriteStringValue(warning);
                }

                json.WriteEndArray();
            }
        }

        json.WriteEndObject();
        await json.FlushAsync(httpContext.RequestAborted);
    }
}
