using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Collection;
using Dashboard.Core.Instances;
using Dashboard.Core.Query.Evaluation;
using Dashboard.UI.Model;

namespace Dashboard.UI.Live;

/// <summary>
/// The sparklines of the overview, evaluated in-process by the query engine over the last <see cref="Window"/> at one
/// point per <see cref="Step"/>, and shared by every open overview: an instance's query runs at most once per step
/// however many browsers watch it.
/// </summary>
/// <param name="latest">The latest samples, which name each instance's key metric.</param>
/// <param name="engine">The query engine.</param>
/// <param name="time">The clock.</param>
public sealed class InstanceSparklines(LatestSamples latest, QueryEngine engine, TimeProvider time)
{
    /// <summary>How far back a sparkline reaches.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>The time between two points.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, Evaluation> _evaluations = new(StringComparer.Ordinal);

    /// <summary>An instance's sparkline, or <see langword="null"/> before its first collect.</summary>
    /// <param name="instance">The instance.</param>
    /// <returns>The sparkline of the current step, evaluated once for all callers.</returns>
    public Task<InstanceSparkline>? Get(InstanceStatus instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (KeyMetric.Of(latest.Get(instance.Id), IntervalOf(instance)) is not { } metric)
        {
            return null;
        }

        var stepMs = (long)Step.TotalMilliseconds;
        var endMs = time.GetUtcNow().ToUnixTimeMilliseconds() / stepMs * stepMs;
        var evaluation = _evaluations.AddOrUpdate(instance.Id,
            static (_, a) => new Evaluation(a.Metric, a.EndMs, a.Self.EvaluateAsync(a.Metric, a.EndMs)),
            static (_, current, a) => current.Metric == a.Metric && current.EndMs == a.EndMs
                ? current
                : new Evaluation(a.Metric, a.EndMs, a.Self.EvaluateAsync(a.Metric, a.EndMs)),
            (Self: this, Metric: metric, EndMs: endMs));
        return evaluation.Result;
    }

    /// <summary>Forgets the instances no longer configured.</summary>
    /// <param name="configured">The instance ids configured now.</param>
    public void Retain(IReadOnlyCollection<string> configured)
    {
        foreach (var id in _evaluations.Keys.Except(configured))
        {
            _evaluations.TryRemove(id, out _);
        }
    }

    // Read from the JSON text: a config value may be any JSON number node (parsed, or a default put in as an int).
    private static TimeSpan IntervalOf(InstanceStatus instance) =>
        instance.Config["interval_ms"] is JsonValue value
            && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.FromSeconds(1);

    private async Task<InstanceSparkline> EvaluateAsync(KeyMetric metric, long endMs)
    {
        var stepMs = (long)Step.TotalMilliseconds;
        var startMs = endMs - (long)Window.TotalMilliseconds;
        try
        {
            // Not the caller's token: the result is shared, and one browser leaving must not fail it for the others.
            var result = await engine.RangeAsync(metric.Query, startMs, endMs, stepMs, QueryTimeout, CancellationToken.None).ConfigureAwait(false);
            return new InstanceSparkline(metric, Points(result), startMs, endMs, stepMs);
        }
        catch (QueryException ex)
        {
            return new InstanceSparkline(metric, [], startMs, endMs, stepMs, ex.Message);
        }
    }

    private static SparkPoint[] Points(QueryResult result)
    {
        if (result is not MatrixResult matrix || matrix.Samples.Length == 0)
        {
            return [];
        }

        var (_, start, end) = matrix.Runs().First();
        var timestamps = matrix.Timestamps;
        var values = matrix.Values;
        var points = new SparkPoint[end - start];
        for (var i = start; i < end; i++)
        {
            points[i - start] = new SparkPoint(timestamps[i], values[i]);
        }

        return points;
    }

    private sealed record Evaluation(KeyMetric Metric, long EndMs, Task<InstanceSparkline> Result);
}
