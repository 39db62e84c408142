namespace Dashboard.Bench;

/// <summary>The shapes of synthetic series the chunk benchmarks encode.</summary>
public enum SeriesKind
{
    /// <summary>One value forever, like <c>up</c> or an info metric.</summary>
    Constant,

    /// <summary>A counter growing by 0 to 50 whole units per scrape, like requests served.</summary>
    Counter,

    /// <summary>A gauge wandering by random doubles, with full-precision values.</summary>
    RandomWalkGauge,

    /// <summary>Random values with two decimals, like a percentage printed by a meter.</summary>
    TwoDecimalRandom,

    /// <summary>node_exporter's cpu seconds: two decimals, growing at a steady rate with a little noise.</summary>
    CpuSeconds,

    /// <summary>Memory in bytes: whole 4 KiB pages, wandering by a few hundred pages.</summary>
    MemoryBytes,
}
