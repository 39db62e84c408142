namespace Dashboard.Plugins.PrometheusScrape;

/// <summary>What every scrape of an instance may take.</summary>
/// <param name="Timeout">How long one target's scrape may take, body included.</param>
/// <param name="BodySizeLimitBytes">The most bytes of uncompressed body; 0 is no limit.</param>
/// <param name="SampleLimit">The most samples; 0 is no limit.</param>
internal sealed record ScrapeLimits(TimeSpan Timeout, long BodySizeLimitBytes, int SampleLimit);
