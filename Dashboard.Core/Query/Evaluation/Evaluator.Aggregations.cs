using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Query.Functions;
using Dashboard.Core.Query.Json;
using Dashboard.Core.Query.Parsing;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>
    /// An aggregation: the input's series grouped once by their <c>by</c>/<c>without</c> labels (labels do not change
    /// from step to step), then at each step the kernel over the values the group's members have there.
    /// </summary>
    private VectorSteps Aggregate(AggregateExpr aggregate)
    {
        var op = aggregate.Operator;
        var parameter = op is AggregationOperator.Topk or AggregationOperator.Bottomk or AggregationOperator.Quantile
            ? EvaluateScalar(aggregate.Parameter!).Values
            : null;
        var valueLabel = op == AggregationOperator.CountValues ? Text(aggregate.Parameter!) : null;
        if (valueLabel is not null && !MetricNames.IsValidLabelName(valueLabel))
        {
            throw QueryException.Execution($"invalid label name \"{valueLabel}\"");
        }

        var input = EvaluateVector(aggregate.Expr);
        var (keys, members) = Groups(input.Series, aggregate);
        return op switch
        {
            AggregationOperator.Topk or AggregationOperator.Bottomk =>
                Counted(new VectorSteps(Ranked(input.Series, members, parameter!, op == AggregationOperator.Topk))),
            AggregationOperator.CountValues => Counted(new VectorSteps(CountValues(input.Series, keys, members, valueLabel!))),
            _ => Counted(new VectorSteps(Folded(input.Series, keys, members, op, parameter))),
        };
    }

    // The group of every series: its label set after by/without, and the members of each group in input order.
    private static (List<Label[]> Keys, List<List<int>> Members) Groups(List<StepSeries> series, AggregateExpr aggregate)
    {
        var index = new Dictionary<Label[], int>(LabelSetComparer.Instance);
        var keys = new List<Label[]>();
        var members = new List<List<int>>();
        var grouping = aggregate.Grouping.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < series.Count; i++)
        {
            var key = aggregate.Without ? LabelSets.Without(series[i].Labels, grouping) : LabelSets.Keep(series[i].Labels, grouping);
            if (!index.TryGetValue(key, out var group))
            {
                index.Add(key, group = keys.Count);
                keys.Add(key);
                members.Add([]);
            }

            members[group].Add(i);
        }

        return (keys, members);
    }

    private List<StepSeries> Folded(List<StepSeries> series, List<Label[]> keys, List<List<int>> members,
        AggregationOperator op, double[]? parameter)
    {
        var output = new List<StepSeries>(keys.Count);
        var values = new double[members.Count == 0 ? 0 : members.Max(m => m.Count)];
        for (var g = 0; g < keys.Count; g++)
        {
            var group = new StepSeries(keys[g], _steps.Count);
            for (var s = 0; s < _steps.Count; s++)
            {
                var n = 0;
                foreach (var i in members[g])
                {
                    if (series[i].Present[s])
                    {
                        values[n++] = series[i].Values[s];
                    }
                }

                if (n > 0)
                {
                    group.Set(s, Fold(op, values.AsSpan(0, n), parameter?[s] ?? 0));
                }
            }

            if (group.PointCount > 0)
            {
                output.Add(group);
            }
        }

        return output;
    }

    private static double Fold(AggregationOperator op, ReadOnlySpan<double> values, double parameter) => op switch
    {
        AggregationOperator.Sum => AggregationKernels.Sum(values),
        AggregationOperator.Avg => AggregationKernels.Average(values),
        AggregationOperator.Min => AggregationKernels.Min(values),
        AggregationOperator.Max => AggregationKernels.Max(values),
        AggregationOperator.Count => AggregationKernels.Count(values),
        AggregationOperator.Group => 1,
        AggregationOperator.Stddev => AggregationKernels.StandardDeviation(values),
        AggregationOperator.Stdvar => AggregationKernels.Variance(values),
        AggregationOperator.Quantile => AggregationKernels.Quantile(parameter, values),
        _ => throw QueryException.Unsupported($"the aggregation {AggregationOperators.Name(op)}"),
    };

    // topk/bottomk: per group and step the k largest (smallest) members, keeping their own labels; k below 1 empties
    // the step. Which of two equal values stays at the cut is Prometheus's choice: it reads the members in order into
    // a heap of k, replacing the heap's top only by a strictly better value (NaN counts as worst either way).
    private List<StepSeries> Ranked(List<StepSeries> series, List<List<int>> members, double[] k, bool largest)
    {
        var kept = new StepSeries?[series.Count];
        var heap = new List<int>();
        for (var s = 0; s < _steps.Count; s++)
        {
            var count = KeepCount(k[s]);
            if (count < 1)
            {
                continue;
            }

            var step = s;
            // The heap's order: its top is the member that goes first, the worst kept so far.
            bool Worse(int a, int b)
            {
                var (x, y) = (series[a].Values[step], series[b].Values[step]);
                return double.IsNaN(x) || (largest ? x < y : x > y);
            }

            foreach (var group in members)
            {
                heap.Clear();
                foreach (var i in group.Where(i => series[i].Present[step]))
                {
                    if (heap.Count < count)
                    {
                        heap.Add(i);
                        SiftUp(heap, heap.Count - 1, Worse);
                    }
                    else if (Worse(heap[0], i) && !double.IsNaN(series[i].Values[step]))
                    {
                        heap[0] = i;
                        SiftDown(heap, 0, Worse);
                    }
                }

                foreach (var i in heap)
                {
                    (kept[i] ??= new StepSeries(series[i].Labels, _steps.Count)).Set(s, series[i].Values[s]);
                }
            }
        }

        return [.. kept.OfType<StepSeries>()];
    }

    // Go's container/heap up and down moves, so that equal values end where Prometheus's end.
    private static void SiftUp(List<int> heap, int j, Func<int, int, bool> less)
    {
        while (j > 0)
        {
            var parent = (j - 1) / 2;
            if (!less(heap[j], heap[parent]))
            {
                break;
            }

            (heap[parent], heap[j]) = (heap[j], heap[parent]);
            j = parent;
        }
    }

    private static void SiftDown(List<int> heap, int i, Func<int, int, bool> less)
    {
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= heap.Count)
            {
                return;
            }

            if (child + 1 < heap.Count && less(heap[child + 1], heap[child]))
            {
                child++;
            }

            if (!less(heap[child], heap[i]))
            {
                return;
            }

            (heap[i], heap[child]) = (heap[child], heap[i]);
            i = child;
        }
    }

    // Go's int64(k): truncation; a k that has no int64 (NaN, beyond ±2^63) fails the query, as in Prometheus.
    private static long KeepCount(double k) => double.IsNaN(k) || k >= 9.223372036854775807e18 || k < -9.223372036854775808e18
        ? throw QueryException.Execution($"Scalar value {NumberLiteral.Format(k)} overflows int64")
        : (long)k;

    // count_values: per group and step, how many members have each value, the value written into a label as Go's
    // strconv.FormatFloat(v, 'f', -1, 64) writes it.
    private List<StepSeries> CountValues(List<StepSeries> series, List<Label[]> keys, List<List<int>> members, string valueLabel)
    {
        var output = new Dictionary<Label[], StepSeries>(LabelSetComparer.Instance);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < keys.Count; g++)
        {
            for (var s = 0; s < _steps.Count; s++)
            {
                counts.Clear();
                foreach (var i in members[g].Where(i => series[i].Present[s]))
                {
                    var text = GoFloatFormat.Plain(series[i].Values[s]);
                    counts[text] = counts.GetValueOrDefault(text) + 1;
                }

                foreach (var (text, count) in counts)
                {
                    var labels = LabelSets.With(keys[g], valueLabel, text);
                    if (!output.TryGetValue(labels, out var counted))
                    {
                        output.Add(labels, counted = new StepSeries(labels, _steps.Count));
                    }

                    counted.Set(s, count);
                }
            }
        }

        return [.. output.Values];
    }
}
