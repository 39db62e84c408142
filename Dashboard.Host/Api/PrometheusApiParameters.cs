using System.Globalization;
using Dashboard.Core.Query;
using Dashboard.Core.Storage.Index;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Host.Api;

/// <summary>
/// The parameters of a Prometheus API request, from the query string and, for a POST with an
/// <c>application/x-www-form-urlencoded</c> body (as Grafana sends), from the body too: body values first, as Go's
/// <c>Request.ParseForm</c> orders them. Each reader answers Prometheus's error for a bad value.
/// </summary>
internal sealed class PrometheusApiParameters
{
    private readonly IQueryCollection _query;
    private readonly IFormCollection? _form;

    private PrometheusApiParameters(IQueryCollection query, IFormCollection? form)
    {
        _query = query;
        _form = form;
    }

    /// <summary>Reads the request's parameters.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Stops reading the body.</param>
    /// <returns>The parameters, or the <c>bad_data</c> error of a body that is not a form.</returns>
    public static async Task<(PrometheusApiParameters? Parameters, PrometheusApiError? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return (new PrometheusApiParameters(request.Query, null), null);
        }

        try
        {
            return (new PrometheusApiParameters(request.Query, await request.ReadFormAsync(cancellationToken)), null);
        }
        catch (InvalidDataException ex)
        {
            return (null, new PrometheusApiError(PrometheusApiErrorType.BadData, $"error parsing form values: {ex.Message}"));
        }
    }

    /// <summary>Every value of a parameter, body values first.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The values.</returns>
    public StringValues Values(string name) =>
        _form is null ? _query[name] : StringValues.Concat(_form[name], _query[name]);

    /// <summary>The first value of a parameter, or the empty string.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The value.</returns>
    public string Value(string name)
    {
        var values = Values(name);
        return values.Count == 0 ? string.Empty : values[0] ?? string.Empty;
    }

    /// <summary>A time parameter (RFC 3339 or Unix seconds); <paramref name="fallback"/> when absent or empty.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="fallback">The default, in Unix ms.</param>
    /// <param name="unixMs">The time, in Unix ms.</param>
    /// <param name="error">The <c>bad_data</c> error when the value is not a time.</param>
    /// <returns>Whether the value is valid.</returns>
    public bool TryTime(string name, long fallback, out long unixMs, out PrometheusApiError? error)
    {
        error = null;
        var text = Value(name);
        if (text.Length == 0)
        {
            unixMs = fallback;
            return true;
        }

        if (PrometheusTime.TryParse(text, out unixMs))
        {
            return true;
        }

        error = PrometheusApiError.InvalidParameter(name, $"Invalid time value for '{name}': cannot parse \"{text}\" to a valid timestamp");
        return false;
    }

    /// <summary>The <c>match[]</c> selectors, one matcher list each; none when the parameter is absent.</summary>
    /// <param name="selectors">The selectors.</param>
    /// <param name="error">The <c>bad_data</c> error naming the selector that does not parse.</param>
    /// <returns>Whether every selector is valid.</returns>
    public bool TrySelectors(out IReadOnlyList<IReadOnlyList<LabelMatcher>> selectors, out PrometheusApiError? error)
    {
        error = null;
        var texts = Values("match[]");
        var parsed = new List<IReadOnlyList<LabelMatcher>>(texts.Count);
        selectors = parsed;
        foreach (var text in texts)
        {
            try
            {
                parsed.Add(SeriesSelectorParser.Parse(text ?? string.Empty));
            }
            catch (SelectorSyntaxException ex)
            {
                error = PrometheusApiError.InvalidParameter("match[]", ex.Message);
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The <c>limit</c> parameter of newer Prometheus versions (2.42 ignores it): a non-negative count, 0 or absent
    /// for no limit.
    /// </summary>
    /// <param name="limit">The limit; <see cref="int.MaxValue"/> for none.</param>
    /// <param name="error">The <c>bad_data</c> error for a value that is not a non-negative integer.</param>
    /// <returns>Whether the value is valid.</returns>
    public bool TryLimit(out int limit, out PrometheusApiError? error)
    {
        error = null;
        limit = int.MaxValue;
        var text = Value("limit");
        if (text.Length == 0)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            error = PrometheusApiError.InvalidParameter("limit", $"cannot parse \"{text}\" to a valid limit");
            return false;
        }

        if (parsed < 0)
        {
            error = PrometheusApiError.InvalidParameter("limit", "limit must be non-negative");
            return false;
        }

        limit = parsed == 0 ? int.MaxValue : parsed;
        return true;
    }
}
