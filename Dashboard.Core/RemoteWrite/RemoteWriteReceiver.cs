using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.RemoteWrite.Protocol;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Head;
using Label = Dashboard.Abstractions.Label;

namespace Dashboard.Core.RemoteWrite;

/// <summary>
/// Stores a received <see cref="WriteRequest"/> in the store, where queries and exports see it. Every series is
/// checked first, and a request with an invalid one is refused whole. Samples the store refuses (out of order, a
/// second value for a timestamp, older than the head) are refused one by one, like Prometheus does, but the others
/// are kept: a sender that resent the request would find them stored already, and an identical sample is accepted as
/// a harmless repeat.
/// </summary>
public sealed class RemoteWriteReceiver
{
    private readonly TsdbStore _store;
    private readonly RemoteWriteMetrics _metrics;

    /// <summary>Creates the receiver.</summary>
    /// <param name="store">Where samples go.</param>
    /// <param name="metrics">Where the counts go.</param>
    public RemoteWriteReceiver(TsdbStore store, RemoteWriteMetrics metrics)
    {
        _store = store;
        _metrics = metrics;
    }

    /// <summary>Stores the request's samples.</summary>
    /// <param name="request">A decoded request.</param>
    /// <returns>What was stored and, when something was refused, why.</returns>
    public ReceiveResult Write(WriteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var series = new Label[request.Timeseries.Count][];
        for (var i = 0; i < series.Length; i++)
        {
            if (ToLabels(request.Timeseries[i], out var labels) is { } invalid)
            {
                var total = request.Timeseries.Sum(t => (long)t.Samples.Count);
                _metrics.RecordRefused(total, "invalid");
                return new ReceiveResult(0, total, $"series {i + 1} of the request: {invalid}; nothing was stored");
            }

            series[i] = labels;
        }

        var stored = 0L;
        Span<long> refused = stackalloc long[5];
        string? first = null;
        for (var i = 0; i < series.Length; i++)
        {
            foreach (var sample in request.Timeseries[i].Samples)
            {
                var outcome = _store.Append(series[i], sample.Timestamp, sample.Value);
                if (outcome is AppendOutcome.Appended or AppendOutcome.Duplicate)
                {
                    stored++;
                    continue;
                }

                refused[(int)outcome]++;
                first ??= $"{Describe(series[i])} at {sample.Timestamp} ms: {Explain(outcome)}";
            }
        }

        _metrics.RecordReceived(stored);
        var refusedTotal = 0L;
        foreach (var outcome in (ReadOnlySpan<AppendOutcome>)[AppendOutcome.OutOfOrder, AppendOutcome.DuplicateTimestamp, AppendOutcome.TooOld])
        {
            _metrics.RecordRefused(refused[(int)outcome], StorageMetrics.ReasonName(outcome));
            refusedTotal += refused[(int)outcome];
        }

        return refusedTotal == 0
            ? new ReceiveResult(stored, 0, null)
            : new ReceiveResult(stored, refusedTotal,
                $"{refusedTotal} of {stored + refusedTotal} samples refused (out of order: {refused[(int)AppendOutcome.OutOfOrder]}, " +
                $"another value for a stored timestamp: {refused[(int)AppendOutcome.DuplicateTimestamp]}, " +
                $"too old: {refused[(int)AppendOutcome.TooOld]}); the other {stored} were stored. First refused: {first}");
    }

    /// <summary>The series' labels, sorted, empty values left out (an empty label is no label); or why they are invalid.</summary>
    private static string? ToLabels(TimeSeries timeSeries, out Label[] labels)
    {
        var list = new List<Label>(timeSeries.Labels.Count);
        string? metric = null;
        foreach (var label in timeSeries.Labels)
        {
            if (label.Name == LabelNames.MetricName)
            {
                metric = label.Value;
            }
            else if (!MetricNames.IsValidLabelName(label.Name))
            {
                labels = [];
                return $"label name '{label.Name}' is invalid: it must match [a-zA-Z_][a-zA-Z0-9_]*";
            }

            if (label.Value.Length > 0)
            {
                list.Add(new Label(label.Name, label.Value));
            }
        }

        labels = [.. list];
        if (!MetricNames.IsValidMetricName(metric))
        {
            return metric is null or ""
                ? $"the series {Describe(labels)} has no {LabelNames.MetricName} label"
                : $"metric name '{metric}' is invalid: it must match [a-zA-Z_:][a-zA-Z0-9_:]*";
        }

        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < labels.Length; i++)
        {
            if (labels[i].Name == labels[i - 1].Name)
            {
                return $"label '{labels[i].Name}' appears twice in the series {Describe(labels)}";
            }
        }

        return null;
    }

    private static string Describe(Label[] labels) =>
        Series.Format(Array.Find(labels, l => l.Name == LabelNames.MetricName).Value ?? string.Empty,
            [.. labels.Where(l => l.Name != LabelNames.MetricName)]);

    private static string Explain(AppendOutcome outcome) => outcome switch
    {
        AppendOutcome.OutOfOrder => "out of order (older than the series' newest stored sample)",
        AppendOutcome.DuplicateTimestamp => "another value for a timestamp already stored (the first value wins)",
        _ => "too old (before the head's range, already written to a block)",
    };
}
