namespace Dashboard.Plugins.PrometheusScrape;

/// <summary>The config of one PrometheusScrape instance; the defaults mirror those of the schema.</summary>
public sealed class PrometheusScrapeConfig
{
    /// <summary>The endpoints to scrape, all at once, every collect.</summary>
    public IReadOnlyList<ScrapeTargetConfig> Targets { get; init; } = [];

    /// <summary>Whether a sample's own timestamp is kept; when not, it is stamped with the collect's time.</summary>
    public bool HonorTimestamps { get; init; } = true;

    /// <summary>Whether a scraped label wins a clash with a target label; when not, it is renamed <c>exported_&lt;name&gt;</c>.</summary>
    public bool HonorLabels { get; init; }

    /// <summary>The most bytes of (uncompressed) body a scrape may read; 0 is no limit.</summary>
    public long BodySizeLimitBytes { get; init; }

    /// <summary>The most samples a scrape may hold before it fails; 0 is no limit.</summary>
    public int SampleLimit { get; init; }

    /// <summary>How long one target's scrape may take; by default 90 % of the instance's <c>timeout_ms</c>.</summary>
    public int? ScrapeTimeoutMs { get; init; }

    /// <summary>A bearer token sent to every target.</summary>
    public string? BearerToken { get; init; }

    /// <summary>A file holding the bearer token, read when the instance is configured.</summary>
    public string? BearerTokenFile { get; init; }

    /// <summary>HTTP basic authentication sent to every target.</summary>
    public BasicAuthConfig? BasicAuth { get; init; }

    /// <summary>Whether a target's TLS certificate is accepted without verification.</summary>
    public bool TlsInsecureSkipVerify { get; init; }
}
