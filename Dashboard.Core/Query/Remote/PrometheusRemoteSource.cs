using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Core.Query.Evaluation;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query.Remote;

/// <summary>
/// A remote Prometheus-API server as a series source (Prometheus, Mimir, Thanos Query, VictoriaMetrics): each selection
/// is one instant query of a range vector selector, <c>{matchers}[range]</c> at the span's end, posted as a form to
/// <c>/api/v1/query</c>; its matrix answer is the raw samples. Stale markers are not among them (Prometheus drops
/// them from range selections), so a series that ended stays visible for the lookback instead of ending at its
/// marker. Every failure is a <see cref="QuerySourceException"/> naming the remote by its URL without credentials.
/// </summary>
public sealed class PrometheusRemoteSource : ISeriesSource
{
    /// <summary>The name of the <see cref="HttpClient"/> the host configures for the source.</summary>
    public const string HttpClientName = "Dashboard.Query.Remote";

    private const int MaxErrorBodyBytes = 16 * 1024;
    private const int MaxErrorChars = 512;

    private static readonly ProductInfoHeaderValue UserAgent =
        new("Dashboard", typeof(PrometheusRemoteSource).Assembly.GetName().Version?.ToString(3) ?? "0");

    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly Uri _queryUrl;
    private readonly TimeSpan _timeout;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly KeyValuePair<string, string>[] _headers;

    /// <summary>Creates the source; credentials are turned into a header once, here.</summary>
    /// <param name="http">
    /// The client requests go through; its own timeout should be infinite (<see cref="PrometheusRemoteSourceOptions.Timeout"/>
    /// applies per selection). Not disposed by the source.
    /// </param>
    /// <param name="options">The remote's settings.</param>
    /// <exception cref="ArgumentException">The settings are invalid (the message lists why).</exception>
    public PrometheusRemoteSource(HttpClient http, PrometheusRemoteSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var validation = new PrometheusRemoteSourceOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        _http = http;
        var url = options.Url!;
        DisplayUrl = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        var basePath = DisplayUrl.EndsWith('/') ? DisplayUrl : DisplayUrl + "/";
        _queryUrl = new Uri(new Uri(basePath), "api/v1/query");
        _timeout = options.Timeout;
        _headers = [.. options.Headers];
        if (options.BearerToken is { } token)
        {
            _authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (options.BasicAuth is { } basic)
        {
            _authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.Username}:{basic.Password}")));
        }
    }

    /// <summary>The remote's base URL without user info (safe to log and to show).</summary>
    public string DisplayUrl { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ISourceSeries>> SelectAsync(IReadOnlyList<LabelMatcher> matchers, long minTimeMs, long maxTimeMs,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        if (matchers.Count == 0)
        {
            throw new ArgumentException("at least one matcher is required", nameof(matchers));
        }

        if (maxTimeMs < minTimeMs)
        {
            return [];
        }

        // Prometheus 2.x selects [time − range, time], 3.x (time − range, time]: one millisecond more than the span
        // covers [min, max] under both, and what 2.x adds before min is dropped below.
        var rangeMs = (long)Int128.Min((Int128)maxTimeMs - minTimeMs + 1, RangeSelectorText.MaxRangeMs);
        string query;
        try
        {
            query = RangeSelectorText.Format(matchers, rangeMs);
        }
        catch (FormatException ex)
        {
            throw Failure(ex.Message);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            using var request = Request(query, maxTimeMs);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(await DescribeErrorAsync(response, deadline.Token).ConfigureAwait(false));
            }

            var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var answer = await JsonSerializer.DeserializeAsync(body, RemoteJsonContext.Default.PrometheusQueryResponse, deadline.Token)
                    .ConfigureAwait(false);
                return ToSeries(answer, minTimeMs, maxTimeMs);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure(string.Create(CultureInfo.InvariantCulture,
                $"no answer within {_timeout.TotalSeconds:0.###} s ({PrometheusRemoteSourceOptions.Section}:Timeout)"), ex);
        }
        catch (HttpRequestException ex)
        {
            throw Failure($"could not be reached: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw Failure($"the answer broke off: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw Failure($"answered malformed JSON: {ex.Message}", ex);
        }
    }

    private HttpRequestMessage Request(string query, long timeMs)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _queryUrl)
        {
            Content = new FormUrlEncodedContent(
            [
                new("query", query),
                new("time", ((decimal)timeMs / 1000m).ToString("0.###", CultureInfo.InvariantCulture)),
                new("timeout", string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Ceiling(_timeout.TotalMilliseconds)}ms")),
            ]),
        };
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.Accept.Add(Json);
        request.Headers.Authorization = _authorization;
        foreach (var (name, value) in _headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private List<ISourceSeries> ToSeries(PrometheusQueryResponse? answer, long minTimeMs, long maxTimeMs)
    {
        if (answer is null)
        {
            throw Failure("answered null instead of a query result");
        }

        if (answer.Status != "success")
        {
            throw Failure($"answered status \"{answer.Status}\" ({answer.ErrorType}): {Truncate(answer.Error ?? "no error message")}");
        }

        if (answer.Data is not { ResultType: "matrix", Result: { } result })
        {
            throw Failure($"answered a {answer.Data?.ResultType ?? "missing"} result where a matrix was expected");
        }

        var series = new List<ISourceSeries>(result.Count);
        foreach (var item in result)
        {
            if (item.Metric is not { } metric || item.Values is not { } values)
            {
                throw Failure("answered a matrix series without its metric or values");
            }

            values.RemoveAll(s => s.TimestampMs < minTimeMs || s.TimestampMs > maxTimeMs);
            if (values.Count > 0)
            {
                Label[] labels = [.. metric.Select(l => new Label(l.Key, l.Value)).OrderBy(l => l.Name, StringComparer.Ordinal)];
                series.Add(new FetchedSeries(labels, values));
            }
        }

        return series;
    }

    private static async Task<string> DescribeErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {response.ReasonPhrase}");
        var body = await ReadPrefixAsync(response, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                var type = document.RootElement.TryGetProperty("errorType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "error";
                return $"answered {status} ({type}): {Truncate(error.GetString()!)}";
            }
        }
        catch (JsonException)
        {
            // Not Prometheus's error JSON (a proxy's page, say): its text is shown as it is.
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        return text.Length == 0 ? $"answered {status}" : $"answered {status}: {Truncate(text)}";
    }

    private static async Task<byte[]> ReadPrefixAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return buffer[..length];
        }
    }

    private static string Truncate(string text) => text.Length <= MaxErrorChars ? text : string.Concat(text.AsSpan(0, MaxErrorChars), "…");

    private QuerySourceException Failure(string what, Exception? inner = null) => new($"remote Prometheus {DisplayUrl}: {what}", inner);

    private sealed class FetchedSeries(Label[] labels, List<RemoteSample> samples) : ISourceSeries
    {
        public Label[] Labels => labels;

        public void ReadSamples(SampleBuffer buffer)
        {
            buffer.Clear();
            foreach (var sample in samples)
            {
                buffer.Add(sample.TimestampMs, sample.Value);
            }
        }
    }
}
