namespace Dashboard.Bench.Harness.StorageData;

/// <summary>The names a <see cref="SeriesKind"/> goes by on the command line, in results and in metric names.</summary>
internal static class SeriesKinds
{
    public static IReadOnlyList<SeriesKind> All { get; } = Enum.GetValues<SeriesKind>();

    /// <summary>The kind's name in results and on the command line.</summary>
    public static string Name(SeriesKind kind) => kind switch
    {
        SeriesKind.Constant => "constant",
        SeriesKind.Counter => "counter",
        SeriesKind.GaugeWalk => "gauge_walk",
        SeriesKind.TwoDecimal => "two_decimal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The <c>__name__</c> of the kind's series; the counter's ends in <c>_total</c> as counters do.</summary>
    public static string MetricName(SeriesKind kind) => kind switch
    {
        SeriesKind.Constant => "bench_constant",
        SeriesKind.Counter => "bench_requests_total",
        SeriesKind.GaugeWalk => "bench_gauge_walk",
        SeriesKind.TwoDecimal => "bench_two_decimal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A comma-separated list of kind names, or <c>all</c>.</summary>
    public static IReadOnlyList<SeriesKind> Parse(string? text)
    {
        if (text is null or "all" or "mixed")
        {
            return All;
        }

        var kinds = new List<SeriesKind>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kind = All.Where(k => Name(k) == name).Cast<SeriesKind?>().FirstOrDefault()
                ?? throw new ArgumentException($"Unknown series kind '{name}': one of {string.Join(", ", All.Select(Name))} or all.");
            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        return kinds;
    }

    /// <summary>The name results use for a data set of these kinds: the kind's own name, or <c>mixed</c>.</summary>
    public static string Describe(IReadOnlyList<SeriesKind> kinds) => kinds.Count == 1 ? Name(kinds[0]) : "mixed";
}
