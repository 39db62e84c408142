namespace Dashboard.Bench.Harness.Peers;

/// <summary>What scraping cost a scraper over a measured window.</summary>
/// <param name="CpuSeconds">The scraper's CPU time (user + system) in the window.</param>
/// <param name="Samples">The samples it stored in the window.</param>
/// <param name="WallSeconds">The window's length.</param>
/// <param name="Scrapes">The scrapes the target served in the window.</param>
internal sealed record ScrapeCost(double CpuSeconds, double Samples, double WallSeconds, long Scrapes)
{
    public double CpuSecondsPerMillionSamples => CpuSeconds / (Samples / 1e6);
}
