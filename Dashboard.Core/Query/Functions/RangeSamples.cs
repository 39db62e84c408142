namespace Dashboard.Core.Query.Functions;

/// <summary>
/// The samples a range-vector selector picked for one series at one evaluation step: timestamps (ms, ascending) and
/// values, and the window they were picked from (both ends inclusive, as in Prometheus 2.x).
/// </summary>
/// <param name="Timestamps">Sample times, Unix ms, ascending.</param>
/// <param name="Values">Sample values, one per timestamp.</param>
/// <param name="WindowStartMs">The window's start (evaluation time − range − offset).</param>
/// <param name="WindowEndMs">The window's end (evaluation time − offset).</param>
public readonly ref struct RangeSamples(ReadOnlySpan<long> Timestamps, ReadOnlySpan<double> Values, long WindowStartMs, long WindowEndMs)
{
    /// <summary>Sample times, Unix ms, ascending.</summary>
    public ReadOnlySpan<long> Timestamps { get; } = Timestamps;

    /// <summary>Sample values.</summary>
    public ReadOnlySpan<double> Values { get; } = Values;

    /// <summary>The window's start, ms.</summary>
    public long WindowStartMs { get; } = WindowStartMs;

    /// <summary>The window's end, ms.</summary>
    public long WindowEndMs { get; } = WindowEndMs;

    /// <summary>How many samples the window holds.</summary>
    public int Count => Values.Length;
}
