namespace Dashboard.Bench.Harness.StorageData;

/// <summary>The shapes of synthetic series the storage benchmarks compare stores on.</summary>
internal enum SeriesKind
{
    /// <summary>One value forever, like <c>build_info</c>: the best case for any compression.</summary>
    Constant,

    /// <summary>A monotonic count of events (<c>requests_total</c>) that grows by whole numbers at a drifting rate.</summary>
    Counter,

    /// <summary>A random walk at full double precision: the worst case for value compression.</summary>
    GaugeWalk,

    /// <summary>Independent random values rounded to two decimals, like a percentage read off a device.</summary>
    TwoDecimal,
}
