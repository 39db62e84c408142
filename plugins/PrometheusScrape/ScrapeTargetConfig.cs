namespace Dashboard.Plugins.PrometheusScrape;

/// <summary>One scraped endpoint as configured.</summary>
public sealed class ScrapeTargetConfig
{
    /// <summary>The absolute http or https URL of the exposition, e.g. <c>http://127.0.0.1:9100/metrics</c>.</summary>
    public string Url { get; init; } = "";

    /// <summary>Labels added to every sample of this target; an <c>instance</c> here replaces the default host:port.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
