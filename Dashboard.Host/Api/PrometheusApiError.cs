namespace Dashboard.Host.Api;

/// <summary>A Prometheus API error: <c>{"status":"error","errorType":"bad_data","error":"…"}</c> with its HTTP status.</summary>
/// <param name="Type">The kind, which also fixes the status.</param>
/// <param name="Message">What went wrong, naming the parameter when one is at fault.</param>
internal sealed record PrometheusApiError(PrometheusApiErrorType Type, string Message)
{
    /// <summary>The <c>errorType</c> text.</summary>
    public string TypeText => Type switch
    {
        PrometheusApiErrorType.BadData => "bad_data",
        PrometheusApiErrorType.Execution => "execution",
        PrometheusApiErrorType.Timeout => "timeout",
        PrometheusApiErrorType.Canceled => "canceled",
        _ => "internal",
    };

    /// <summary>The HTTP status Prometheus pairs with <see cref="Type"/>.</summary>
    public int StatusCode => Type switch
    {
        PrometheusApiErrorType.BadData => StatusCodes.Status400BadRequest,
        PrometheusApiErrorType.Execution => StatusCodes.Status422UnprocessableEntity,
        PrometheusApiErrorType.Timeout or PrometheusApiErrorType.Canceled => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>A <c>bad_data</c> error about one parameter, worded as Prometheus words it.</summary>
    /// <param name="parameter">The parameter's name.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <returns>The error.</returns>
    public static PrometheusApiError InvalidParameter(string parameter, string problem) =>
        new(PrometheusApiErrorType.BadData, $"invalid parameter \"{parameter}\": {problem}");
}
