using Dashboard.Abstractions;
using Dashboard.Core.Query.Functions;
using Dashboard.Core.Query.Parsing;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query.Evaluation;

internal sealed partial class Evaluator
{
    private readonly SampleBuffer _fresh = new();

    /// <summary>
    /// A function over a range vector (<c>rate</c>, <c>*_over_time</c>, …): per series and step, the kernel over the
    /// samples in [reference − range, reference] (both ends included, as in Prometheus 2.x), staleness markers left
    /// out. The metric name is dropped, except by <c>last_over_time</c>, which acts like an offset.
    /// </summary>
    private VectorSteps CallOverRange(FunctionCall call)
    {
        var name = call.Function.Name;
        var rangeArgument = call.Args.First(a => a.Type == PromQLType.RangeVector);
        var scalarArgument = call.Args.FirstOrDefault(a => a.Type == PromQLType.Scalar);
        var parameter = scalarArgument is null ? null : EvaluateScalar(scalarArgument).Values;
        var matrix = Unwrap(rangeArgument) as MatrixSelector
            ?? throw QueryException.Unsupported($"{rangeArgument} as the range argument of {name}() (only a range selector)");
        var selector = matrix.Selector;
        var rangeMs = (long)matrix.Range.TotalMilliseconds;
        var keepName = name == "last_over_time";
        var kernel = Kernel(name);
        var output = new List<StepSeries>();
        foreach (var series in _selected[selector])
        {
            _cancellation.ThrowIfCancellationRequested();
            ReadFreshSamples(series);
            var times = _fresh.Timestamps;
            var values = _fresh.Values;
            StepSeries? result = null;
            var (first, last) = (0, -1);
            for (var s = 0; s < _steps.Count; s++)
            {
                var end = ReferenceTime(selector, _steps, s);
                var start = end - rangeMs;
                (first, last) = Window(times, start, end, first, last);
                if (last < first)
                {
                    continue;
                }

                var window = new RangeSamples(times[first..(last + 1)], values[first..(last + 1)], start, end);
                if (kernel(window, parameter?[s] ?? 0, _steps.At(s)) is { } value)
                {
                    result ??= new StepSeries(keepName ? series.Labels : LabelSets.DropMetricName(series.Labels), _steps.Count);
                    result.Set(s, value);
                }
            }

            if (result is not null)
            {
                output.Add(result);
            }
        }

        // absent_over_time: 1 at the steps where no series had a sample in its window, labelled as absent() labels.
        return name == "absent_over_time" ? Absent(matrix.Selector, new VectorSteps(output)) : Distinct(output);
    }

    // Series a range function made alike by dropping their names are an error whatever their steps, as in 2.42 (which
    // checks the whole matrix of a range function, not each step).
    private VectorSteps Distinct(List<StepSeries> output)
    {
        var seen = new HashSet<Label[]>(LabelSetComparer.Instance);
        if (!output.TrueForAll(series => seen.Add(series.Labels)))
        {
            throw QueryException.Execution("vector cannot contain metrics with the same labelset");
        }

        return Counted(new VectorSteps(output));
    }

    /// <summary>The raw samples of a top-level range selector at one time (an instant query's matrix result).</summary>
    public List<(Label[] Labels, long[] Timestamps, double[] Values)> RangeSelection(MatrixSelector matrix)
    {
        var output = new List<(Label[], long[], double[])>();
        var end = ReferenceTime(matrix.Selector, _steps, 0);
        var start = end - (long)matrix.Range.TotalMilliseconds;
        foreach (var series in _selected[matrix.Selector])
        {
            _cancellation.ThrowIfCancellationRequested();
            ReadFreshSamples(series);
            var times = _fresh.Timestamps;
            var values = _fresh.Values;
            var (first, last) = Window(times, start, end, 0, -1);
            if (last >= first)
            {
                CountSamples(last - first + 1);
                output.Add((series.Labels, times[first..(last + 1)].ToArray(), values[first..(last + 1)].ToArray()));
            }
        }

        return output;
    }

    // The least-squares line through the window, anchored at the step's time (not the offset one), read `seconds` on.
    private static double? PredictLinear(RangeSamples window, double seconds, long stepMs)
    {
        if (window.Count < 2)
        {
            return null;
        }

        var (slope, intercept) = OverTimeKernels.LinearRegression(window.Timestamps, window.Values, stepMs);
        return (slope * seconds) + intercept;
    }

    private static Expr Unwrap(Expr expr) => expr is ParenExpr paren ? Unwrap(paren.Inner) : expr;

    // The series' samples without staleness markers (a range never includes them).
    private void ReadFreshSamples(ISourceSeries series)
    {
        series.ReadSamples(_buffer);
        _fresh.Clear();
        var times = _buffer.Timestamps;
        var values = _buffer.Values;
        for (var i = 0; i < times.Length; i++)
        {
            if (!IsStale(values[i]))
            {
                _fresh.Add(times[i], values[i]);
            }
        }
    }

    // The indices of the first and last sample in [start, end], moved on from the previous step's (windows only move
    // forward as steps do; a fixed `@` time keeps them still). Empty when last < first.
    private static (int First, int Last) Window(ReadOnlySpan<long> times, long start, long end, int first, int last)
    {
        while (first < times.Length && times[first] < start)
        {
            first++;
        }

        last = Math.Max(last, first - 1);
        while (last + 1 < times.Length && times[last + 1] <= end)
        {
            last++;
        }

        return (first, last);
    }

    // A range function's arithmetic on one window: its parameter (quantile_over_time's q, predict_linear's seconds) and
    // the step's time (predict_linear's anchor) as extra arguments.
    private delegate double? RangeKernel(RangeSamples window, double parameter, long stepMs);

    // Resolved once per call, not per step: a switch on the name per window costs more than most kernels.
    private static RangeKernel Kernel(string name) => name switch
    {
        "rate" => static (w, _, _) => RateKernels.Rate(w),
        "increase" => static (w, _, _) => RateKernels.Increase(w),
        "delta" => static (w, _, _) => RateKernels.Delta(w),
        "irate" => static (w, _, _) => RateKernels.InstantRate(w),
        "idelta" => static (w, _, _) => RateKernels.InstantDelta(w),
        "deriv" => static (w, _, _) => OverTimeKernels.Derivative(w),
        "predict_linear" => static (w, seconds, step) => PredictLinear(w, seconds, step),
        "resets" => static (w, _, _) => OverTimeKernels.Resets(w.Values),
        "changes" => static (w, _, _) => OverTimeKernels.Changes(w.Values),
        "avg_over_time" => static (w, _, _) => OverTimeKernels.Average(w.Values),
        "min_over_time" => static (w, _, _) => OverTimeKernels.Min(w.Values),
        "max_over_time" => static (w, _, _) => OverTimeKernels.Max(w.Values),
        "sum_over_time" => static (w, _, _) => OverTimeKernels.Sum(w.Values),
        "count_over_time" => static (w, _, _) => OverTimeKernels.Count(w.Values),
        "last_over_time" => static (w, _, _) => OverTimeKernels.Last(w.Values),
        "stddev_over_time" => static (w, _, _) => OverTimeKernels.StandardDeviation(w.Values),
        "stdvar_over_time" => static (w, _, _) => OverTimeKernels.Variance(w.Values),
        "quantile_over_time" => static (w, q, _) => OverTimeKernels.Quantile(q, w.Values),
        "present_over_time" or "absent_over_time" => static (_, _, _) => 1,
        _ => throw QueryException.Unsupported($"the function {name}()"),
    };
}
