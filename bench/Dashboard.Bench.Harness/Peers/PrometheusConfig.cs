using System.Globalization;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>The prometheus.yml files the peer runs use.</summary>
internal static class PrometheusConfig
{
    /// <summary>Nothing to scrape, not even itself: every series in the head is one the harness pushed.</summary>
    public static string WriteEmpty(string path)
    {
        File.WriteAllText(path, "scrape_configs: []\n");
        return path;
    }

    /// <summary>One job scraping every port on 127.0.0.1 at <paramref name="intervalSeconds"/>, timeout equal to it.</summary>
    public static string WriteScrape(string path, IEnumerable<int> ports, int intervalSeconds)
    {
        var targets = string.Join(", ", ports.Select(p => string.Create(CultureInfo.InvariantCulture, $"\"127.0.0.1:{p}\"")));
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$"""
            global: { scrape_interval: {{intervalSeconds}}s, scrape_timeout: {{intervalSeconds}}s }
            scrape_configs:
              - job_name: scrape-bench
                static_configs: [ { targets: [{{targets}}] } ]

            """));
        return path;
    }
}
