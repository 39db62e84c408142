namespace Dashboard.Core.RemoteWrite;

/// <summary>
/// One remote_write destination (an item of <c>Dashboard:RemoteWrite:Remotes</c>). Queue settings default to
/// Prometheus 2.42's <c>queue_config</c>, except the shards, which are fixed (see <see cref="Shards"/>).
/// </summary>
public sealed class RemoteOptions
{
    /// <summary>The remote's name: the <c>remote</c> tag of the metrics and the logs. Unique.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The receiver's URL, e.g. <c>http://prometheus:9090/api/v1/write</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>A bearer token sent as <c>Authorization: Bearer …</c>. Never logged.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Basic authentication, instead of a bearer token. Never logged.</summary>
    public BasicAuthOptions? BasicAuth { get; set; }

    /// <summary>Extra request headers (a tenant id, say). Their values are never logged.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one request may take before it is abandoned and retried (Prometheus's <c>remote_timeout</c>).</summary>
    public TimeSpan RemoteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Samples buffered per shard before the oldest are dropped (Prometheus's <c>capacity</c>, 2500). A remote
    /// holds at most <see cref="Shards"/> × (<see cref="Capacity"/> + <see cref="MaxSamplesPerSend"/>) samples.
    /// </summary>
    public int Capacity { get; set; } = 2500;

    /// <summary>
    /// Concurrent senders; each series always goes to the same one, so its samples arrive in order. Fixed rather
    /// than scaled between a minimum and maximum as Prometheus does: Prometheus reshards by how far it lags behind
    /// its write-ahead log, which it re-reads after a reshard; our queue is memory only, and moving series between
    /// shards would have to stall every shard to keep each series in order. The collect rate of one host is known
    /// from its plugins, so one fixed count is set once.
    /// </summary>
    public int Shards { get; set; } = 4;

    /// <summary>The most samples in one request (Prometheus's <c>max_samples_per_send</c>, 500).</summary>
    public int MaxSamplesPerSend { get; set; } = 500;

    /// <summary>The longest a sample waits for its request to fill before it is sent anyway (<c>batch_send_deadline</c>, 5 s).</summary>
    public TimeSpan BatchSendDeadline { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first retry's delay, doubled on each retry (<c>min_backoff</c>, 30 ms).</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromMilliseconds(30);

    /// <summary>The longest delay between retries (<c>max_backoff</c>, 5 s).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether a 429 is retried like a 5xx (<c>retry_on_http_429</c>). Off by default, as in Prometheus 2.42: a
    /// rate-limited request is dropped and counted as failed rather than pile up behind the limit.
    /// </summary>
    public bool RetryOnHttp429 { get; set; }
}
