using Dashboard.Core.RemoteWrite;

namespace Dashboard.Core.Query.Remote;

/// <summary>
/// The remote Prometheus-API server the query engine reads raw samples from (<c>Dashboard:Query:Remote</c>) instead of
/// the embedded store: Prometheus, Mimir, Thanos Query or VictoriaMetrics, for deployments that remote_write to a
/// cluster. Documented in docs/query.md ("Remote source").
/// </summary>
public sealed class PrometheusRemoteSourceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Query:Remote";

    /// <summary>
    /// The base of the Prometheus HTTP API, the part before <c>/api/v1/…</c>: <c>http://prometheus:9090</c>, or
    /// <c>http://mimir:8080/prometheus</c> for Mimir. The embedded store answers queries when it is unset.
    /// </summary>
    public Uri? Url { get; set; }

    /// <summary>A bearer token sent as <c>Authorization: Bearer …</c>. Never logged.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Basic authentication, instead of a bearer token. Never logged.</summary>
    public BasicAuthOptions? BasicAuth { get; set; }

    /// <summary>Extra request headers, e.g. <c>X-Scope-OrgID</c> for a Mimir tenant. Their values are never logged.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How long one selection may take, answer read included (Prometheus's own default <c>--query.timeout</c> is 2 min);
    /// also sent to the remote as its <c>timeout</c> parameter so it stops working on an abandoned query.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}
