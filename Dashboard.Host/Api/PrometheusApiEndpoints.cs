using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Blocks;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Host.Api;

/// <summary>
/// The parts of Prometheus's HTTP API that need no query evaluator, each on GET and on POST with a form body (as
/// Grafana sends): <c>/api/v1/series</c>, <c>/api/v1/labels</c>, <c>/api/v1/label/{name}/values</c>,
/// <c>/api/v1/status/buildinfo</c>, <c>/api/v1/metadata</c>. Parameters, defaults, JSON envelope and error kinds are
/// Prometheus 2.42's (docs/prometheus-api.md lists the differences).
/// </summary>
internal static partial class PrometheusApiEndpoints
{
    private const string TruncatedWarning = "results truncated due to limit";
    private static readonly string[] GetAndPost = [HttpMethods.Get, HttpMethods.Post];

    public static void MapPrometheusApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/api/v1/series", GetAndPost, SeriesAsync);
        endpoints.MapMethods("/api/v1/labels", GetAndPost, LabelNamesAsync);
        endpoints.MapMethods("/api/v1/label/{name}/values", GetAndPost, LabelValuesAsync);
        endpoints.MapMethods("/api/v1/status/buildinfo", GetAndPost, () => BuildInfo(PrometheusBuildInfo.Current));
        endpoints.MapMethods("/api/v1/metadata", GetAndPost, MetadataAsync);
    }

    /// <summary>The label sets of the series the <c>match[]</c> selectors (required) select in [start, end].</summary>
    private static async Task<IResult> SeriesAsync(HttpContext context, TsdbStore store, ILoggerFactory loggers)
    {
        var (parameters, error) = await PrometheusApiParameters.ReadAsync(context.Request, context.RequestAborted);
        if (parameters is null)
        {
            return PrometheusApiResponse.Failure(error!);
        }

        if (parameters.Values("match[]").Count == 0)
        {
            return PrometheusApiResponse.Failure(new PrometheusApiError(PrometheusApiErrorType.BadData, "no match[] parameter provided"));
        }

        if (!parameters.TryTime("start", PrometheusTime.MinTimeMs, out var start, out error)
            || !parameters.TryTime("end", PrometheusTime.MaxTimeMs, out var end, out error)
            || !parameters.TrySelectors(out var selectors, out error)
            || !parameters.TryLimit(out var limit, out error))
        {
            return PrometheusApiResponse.Failure(error!);
        }

        return Guarded(loggers, () =>
        {
            var found = new SortedSet<Label[]>(LabelSetComparer.Instance);
            // No sample lies in a range that ends before it starts (Prometheus's answer there depends on where its
            // chunks happen to end).
            foreach (var matchers in end < start ? [] : selectors)
            {
                foreach (var series in store.Select(matchers, start, end))
                {
                    found.Add(series.Labels);
                }
            }

            var (kept, warnings) = Limit(found, limit);
            return PrometheusApiResponse.Success(json =>
            {
                json.WriteStartArray();
                foreach (var labels in kept)
                {
                    WriteLabels(json, labels);
                }

                json.WriteEndArray();
            }, warnings);
        });
    }

    /// <summary>Every label name in [start, end], or only those of the series the optional <c>match[]</c> select.</summary>
    private static Task<IResult> LabelNamesAsync(HttpContext context, TsdbStore store, ILoggerFactory loggers) =>
        LabelStringsAsync(context, loggers, (start, end) => store.LabelNames(start, end),
            (matchers, start, end) => store.SeriesLabels(matchers, start, end).SelectMany(labels => labels.Select(l => l.Name)));

    /// <summary>Every value of a label in [start, end], or only those of the series the optional <c>match[]</c> select.</summary>
    private static async Task<IResult> LabelValuesAsync(HttpContext context, string name, TsdbStore store, ILoggerFactory loggers)
    {
        if (!LabelName().IsMatch(name))
        {
            return PrometheusApiResponse.Failure(new PrometheusApiError(PrometheusApiErrorType.BadData, $"invalid label name: \"{name}\""));
        }

        return await LabelStringsAsync(context, loggers, (start, end) => store.LabelValues(name, start, end),
            (matchers, start, end) => store.SeriesLabels(matchers, start, end)
                .Select(labels => Array.Find(labels, l => l.Name == name).Value)
                .Where(value => !string.IsNullOrEmpty(value)));
    }

    /// <summary>
    /// The shape both label routes share: read start, end, the optional <c>match[]</c> and limit; without selectors
    /// answer <paramref name="all"/>, with them the sorted union of <paramref name="ofSelected"/> over every selector.
    /// </summary>
    private static async Task<IResult> LabelStringsAsync(HttpContext context, ILoggerFactory loggers,
        Func<long, long, IEnumerable<string>> all, Func<IReadOnlyList<LabelMatcher>, long, long, IEnumerable<string>> ofSelected)
    {
        var (parameters, error) = await PrometheusApiParameters.ReadAsync(context.Request, context.RequestAborted);
        if (parameters is null
            || !parameters.TryTime("start", PrometheusTime.MinTimeMs, out var start, out error)
            || !parameters.TryTime("end", PrometheusTime.MaxTimeMs, out var end, out error)
            || !parameters.TrySelectors(out var selectors, out error)
            || !parameters.TryLimit(out var limit, out error))
        {
            return PrometheusApiResponse.Failure(error!);
        }

        return Guarded(loggers, () =>
        {
            var strings = selectors.Count == 0
                ? all(start, end)
                : new SortedSet<string>(selectors.SelectMany(matchers => ofSelected(matchers, start, end)), StringComparer.Ordinal);
            var (kept, warnings) = Limit(strings, limit);
            return PrometheusApiResponse.Strings(kept, warnings);
        });
    }

    private static PrometheusApiResponse BuildInfo(PrometheusBuildInfo info) => PrometheusApiResponse.Success(json =>
    {
        json.WriteStartObject();
        json.WriteString("version", info.Version);
        json.WriteString("revision", info.Revision);
        json.WriteString("branch", info.Branch);
        json.WriteString("buildUser", info.BuildUser);
        json.WriteString("buildDate", info.BuildDate);
        json.WriteString("goVersion", info.GoVersion);
        json.WriteEndObject();
    });

    /// <summary>
    /// What we know of each metric: the kind (counter or gauge) the plugins collected it as, from the latest collect
    /// of every instance; <c>help</c> and <c>unit</c> are empty. Series that came in by remote_write carry no kind, so
    /// they are absent (an empty object when nothing is known). <c>metric</c> and <c>limit</c> as in Prometheus.
    /// </summary>
    private static async Task<IResult> MetadataAsync(HttpContext context, LatestSamples latest)
    {
        var (parameters, error) = await PrometheusApiParameters.ReadAsync(context.Request, context.RequestAborted);
        if (parameters is null)
        {
            return PrometheusApiResponse.Failure(error!);
        }

        var limit = -1;
        var limitText = parameters.Value("limit");
        if (limitText.Length > 0 && !int.TryParse(limitText, System.Globalization.CultureInfo.InvariantCulture, out limit))
        {
            return PrometheusApiResponse.Failure(new PrometheusApiError(PrometheusApiErrorType.BadData, "limit must be a number"));
        }

        var metric = parameters.Value("metric");
        var samples = new List<InstanceSample>();
        latest.CopyAll(samples);
        var kinds = new SortedDictionary<string, SortedSet<MetricKind>>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            var series = sample.Sample.Series;
            if (metric.Length > 0 && series.Metric != metric)
            {
                continue;
            }

            if (!kinds.TryGetValue(series.Metric, out var set))
            {
                kinds.Add(series.Metric, set = []);
            }

            set.Add(series.Kind);
        }

        return PrometheusApiResponse.Success(json =>
        {
            json.WriteStartObject();
            foreach (var (name, set) in limit < 0 ? kinds : kinds.Take(limit))
            {
                json.WriteStartArray(name);
                foreach (var kind in set)
                {
                    json.WriteStartObject();
                    json.WriteString("type", kind == MetricKind.Counter ? "counter" : "gauge");
                    json.WriteString("help", string.Empty);
                    json.WriteString("unit", string.Empty);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        });
    }

    /// <summary>Runs a store read, answering Prometheus's error kinds for what the store throws.</summary>
    private static PrometheusApiResponse Guarded(ILoggerFactory loggers, Func<PrometheusApiResponse> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is IOException or BlockCorruptException)
        {
            // A query over a damaged block fails as an execution error, as Prometheus's querier errors do.
            LogReadFailed(loggers.CreateLogger(typeof(PrometheusApiEndpoints).FullName!), ex);
            return PrometheusApiResponse.Failure(new PrometheusApiError(PrometheusApiErrorType.Execution, ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Clients parse this shape, not problem+json, even for our own faults.
            LogReadFailed(loggers.CreateLogger(typeof(PrometheusApiEndpoints).FullName!), ex);
            return PrometheusApiResponse.Failure(new PrometheusApiError(PrometheusApiErrorType.Internal, $"internal error: {ex.Message}"));
        }
    }

    private static (IReadOnlyList<T> Kept, IReadOnlyList<string>? Warnings) Limit<T>(IEnumerable<T> items, int limit)
    {
        if (limit == int.MaxValue)
        {
            return ([.. items], null);
        }

        var kept = items.Take(limit + 1).ToList();
        if (kept.Count <= limit)
        {
            return (kept, null);
        }

        kept.RemoveAt(limit);
        return (kept, [TruncatedWarning]);
    }

    private static void WriteLabels(Utf8JsonWriter json, Label[] labels)
    {
        json.WriteStartObject();
        foreach (var label in labels)
        {
            json.WriteString(label.Name, label.Value);
        }

        json.WriteEndObject();
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();

    [LoggerMessage(Level = LogLevel.Error, Message = "A Prometheus API read failed")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
