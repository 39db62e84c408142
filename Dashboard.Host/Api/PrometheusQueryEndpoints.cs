using System.Globalization;
using Dashboard.Core.Query.Decimation;
using Dashboard.Core.Query.Evaluation;
using Dashboard.Core.Query.Json;
using Dashboard.Core.Query.Parsing;
using Dashboard.Host.Server;

namespace Dashboard.Host.Api;

/// <summary>
/// <c>/api/v1/query</c> and <c>/api/v1/query_range</c> on GET and POST (form bodies, as Grafana sends), with
/// Prometheus 2.42's parameters, JSON and errors. Ours, for charts, on a range query: <c>max_points</c> decimates each
/// series with M4 to at most that many points, exact at each pixel column's extremes; <c>format=chart</c> (exact
/// times) or <c>format=chart_pixels</c> (pixel-column times, with <c>max_points</c>) answers in the compact chart wire
/// format of docs/decimation.md instead of Prometheus's matrix.
/// </summary>
internal static class PrometheusQueryEndpoints
{
    private static readonly string[] GetAndPost = [HttpMethods.Get, HttpMethods.Post];

    public static void MapPrometheusQueryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/api/v1/query", GetAndPost, InstantAsync).RequireRateLimiting(RateLimitPolicies.Query);
        endpoints.MapMethods("/api/v1/query_range", GetAndPost, RangeAsync).RequireRateLimiting(RateLimitPolicies.Query);
    }

    private static async Task<IResult> InstantAsync(HttpContext context, QueryEngine engine, TimeProvider time)
    {
        var (parameters, error) = await PrometheusApiParameters.ReadAsync(context.Request, context.RequestAborted);
        if (parameters is null)
        {
            return PrometheusApiResponse.Failure(error!);
        }

        if (!parameters.TryTime("time", time.GetUtcNow().ToUnixTimeMilliseconds(), out var at, out error)
            || !TryDuration(parameters, "timeout", out var timeout, out error))
        {
            return PrometheusApiResponse.Failure(error!);
        }

        return await AnswerAsync(() => engine.InstantAsync(parameters.Value("query"), at, timeout, context.RequestAborted));
    }

    private static async Task<IResult> RangeAsync(HttpContext context, QueryEngine engine)
    {
        var (parameters, error) = await PrometheusApiParameters.ReadAsync(context.Request, context.RequestAborted);
        if (parameters is null)
        {
            return PrometheusApiResponse.Failure(error!);
        }

        if (!TryRequiredTime(parameters, "start", out var start, out error)
            || !TryRequiredTime(parameters, "end", out var end, out error)
            || !TryDuration(parameters, "step", out var step, out error, required: true)
            || !TryDuration(parameters, "timeout", out var timeout, out error)
            || !TryMaxPoints(parameters, out var maxPoints, out error)
            || !TryFormat(parameters, maxPoints, out var format, out error))
        {
            return PrometheusApiResponse.Failure(error!);
        }

        var stepMs = (long)step!.Value.TotalMilliseconds;
        // M4 keeps up to four points per pixel column: a chart of max_points ÷ 4 columns gets at most max_points.
        PixelGrid? grid = maxPoints is { } points ? new PixelGrid(start, end + 1, Math.Max(1, points / 4)) : null;
        return await AnswerAsync(async () =>
        {
            var result = await engine.RangeAsync(parameters.Value("query"), start, end, stepMs, timeout, context.RequestAborted);
            return grid is { } chart && result is MatrixResult matrix ? matrix.Decimated(chart) : result;
        }, format, grid);
    }

    private static async Task<IResult> AnswerAsync(Func<Task<QueryResult>> run, string format = "", PixelGrid? grid = null)
    {
        try
        {
            var result = await run();
            return (format, result) switch
            {
                ("chart", MatrixResult matrix) => PrometheusApiResponse.Success(json => ChartResultJson.WriteData(json, matrix)),
                ("chart_pixels", MatrixResult matrix) => PrometheusApiResponse.Success(json => ChartResultJson.WriteData(json, matrix, grid)),
                _ => PrometheusApiResponse.Streamed((json, flushAsync) => QueryResultJson.WriteDataAsync(json, result, flushAsync)),
            };
        }
        catch (QueryException ex)
        {
            var type = ex.Kind switch
            {
                QueryErrorKind.BadData => PrometheusApiErrorType.BadData,
                QueryErrorKind.Execution => PrometheusApiErrorType.Execution,
                QueryErrorKind.Timeout => PrometheusApiErrorType.Timeout,
                _ => PrometheusApiErrorType.Canceled,
            };
            return PrometheusApiResponse.Failure(ex.Parameter is { } parameter
                ? PrometheusApiError.InvalidParameter(parameter, ex.Message)
                : new PrometheusApiError(type, ex.Message));
        }
    }

    private static bool TryFormat(PrometheusApiParameters parameters, int? maxPoints, out string format, out PrometheusApiError? error)
    {
        format = parameters.Value("format");
        error = format switch
        {
            "" or "chart" => null,
            "chart_pixels" when maxPoints is not null => null,
            "chart_pixels" => PrometheusApiError.InvalidParameter("format", "chart_pixels needs max_points (the pixel grid)"),
            _ => PrometheusApiError.InvalidParameter("format", $"unknown format \"{format}\"; use chart or chart_pixels, or none for Prometheus's JSON"),
        };
        return error is null;
    }

    private static bool TryRequiredTime(PrometheusApiParameters parameters, string name, out long unixMs, out PrometheusApiError? error)
    {
        if (parameters.Value(name).Length == 0)
        {
            unixMs = 0;
            error = PrometheusApiError.InvalidParameter(name, $"cannot parse \"\" to a valid timestamp");
            return false;
        }

        return parameters.TryTime(name, 0, out unixMs, out error);
    }

    // As Prometheus reads a duration parameter: a float of seconds, or a PromQL duration such as 1m30s.
    private static bool TryDuration(PrometheusApiParameters parameters, string name, out TimeSpan? duration,
        out PrometheusApiError? error, bool required = false)
    {
        var text = parameters.Value(name);
        error = null;
        duration = null;
        if (text.Length == 0 && !required)
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (double.IsNaN(seconds) || Math.Abs(seconds * 1e9) > long.MaxValue)
            {
                error = PrometheusApiError.InvalidParameter(name, $"cannot parse \"{text}\" to a valid duration. It overflows int64");
                return false;
            }

            duration = TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
            return true;
        }

        if (PromQLDuration.TryParse(text, out var parsed))
        {
            duration = parsed;
            return true;
        }

        error = PrometheusApiError.InvalidParameter(name, $"cannot parse \"{text}\" to a valid duration");
        return false;
    }

    private static bool TryMaxPoints(PrometheusApiParameters parameters, out int? maxPoints, out PrometheusApiError? error)
    {
        var text = parameters.Value("max_points");
        error = null;
        maxPoints = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var points) && points is >= 4 and <= 4 * PixelGrid.MaxWidth)
        {
            maxPoints = points;
            return true;
        }

        error = PrometheusApiError.InvalidParameter("max_points", $"cannot parse \"{text}\" as a number of points from 4 to {4 * PixelGrid.MaxWidth}");
        return false;
    }
}
