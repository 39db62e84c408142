using Dashboard.Abstractions;
using Dashboard.Core.Query.Parsing;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query.Evaluation;

/// <summary>
/// Evaluates a parsed PromQL expression over every step of a query at once, node by node (as Prometheus 2.42's range
/// evaluation does), from series its selectors fetched beforehand. One evaluator serves one query: it counts the
/// points the query holds against the samples limit and stops when the query's token fires.
/// </summary>
internal sealed partial class Evaluator
{
    // Prometheus's staleness marker: a NaN with this exact bit pattern, written when a series disappears.
    private const long StaleNaNBits = 0x7ff0000000000002;

    private readonly EvaluationSteps _steps;
    private readonly IReadOnlyDictionary<VectorSelector, IReadOnlyList<ISourceSeries>> _selected;
    private readonly long _lookbackMs;
    private readonly long _maxSamples;
    private readonly CancellationToken _cancellation;
    private readonly SampleBuffer _buffer = new();
    private long _samples;

    public Evaluator(EvaluationSteps steps, IReadOnlyDictionary<VectorSelector, IReadOnlyList<ISourceSeries>> selected,
        QueryOptions options, CancellationToken cancellation)
    {
        _steps = steps;
        _selected = selected;
        _lookbackMs = (long)options.LookbackDelta.TotalMilliseconds;
        _maxSamples = options.MaxSamples;
        _cancellation = cancellation;
    }

    /// <summary>The steps the evaluator works over.</summary>
    public EvaluationSteps Steps => _steps;

    /// <summary>Evaluates an expression of any type but range vector (a top-level range selector is the engine's).</summary>
    public EvaluatedValue Evaluate(Expr expr)
    {
        _cancellation.ThrowIfCancellationRequested();
        return expr switch
        {
            NumberLiteral number => Constant(number.Value),
            StringLiteral text => new StringConstant(text.Value),
            ParenExpr paren => Evaluate(paren.Inner),
            UnaryExpr unary => Negate(unary),
            VectorSelector selector => Select(selector),
            FunctionCall call => Call(call),
            AggregateExpr aggregate => Aggregate(aggregate),
            BinaryExpr binary => Binary(binary),
            SubqueryExpr => throw QueryException.Unsupported("a subquery"),
            _ => throw QueryException.Unsupported($"the expression {expr}"),
        };
    }

    /// <summary>Whether a value is Prometheus's staleness marker (a series that ended).</summary>
    public static bool IsStale(double value) => BitConverter.DoubleToInt64Bits(value) == StaleNaNBits;

    /// <summary>The time a selector reads at a step: its <c>@</c> time or the step's, less its offset.</summary>
    public static long ReferenceTime(VectorSelector selector, EvaluationSteps steps, int step)
    {
        var at = selector.At switch
        {
            null => steps.At(step),
            { Kind: AtKind.Start } => steps.StartMs,
            { Kind: AtKind.End } => steps.EndMs,
            { } fixedAt => fixedAt.TimestampMs,
        };
        return at - (long)selector.Offset.TotalMilliseconds;
    }

    private ScalarSteps Constant(double value)
    {
        var values = new double[_steps.Count];
        Array.Fill(values, value);
        return new ScalarSteps(values);
    }

    private EvaluatedValue Negate(UnaryExpr unary)
    {
        var operand = Evaluate(unary.Operand);
        if (unary.Operator == UnaryOperator.Plus)
        {
            return operand;
        }

        switch (operand)
        {
            case ScalarSteps scalar:
                return new ScalarSteps([.. scalar.Values.Select(v => -v)]);
            case VectorSteps vector:
                return MapValues(vector, static v => -v);
            default:
                throw QueryException.Unsupported($"unary minus on {unary.Operand.Type}");
        }
    }

    // Each series' values through a function, the metric name dropped (as every PromQL value transformation does).
    private VectorSteps MapValues(VectorSteps vector, Func<double, double> map) =>
        MapValues(vector, (value, _) => map(value));

    private VectorSteps MapValues(VectorSteps vector, Func<double, int, double?> map)
    {
        var output = new List<StepSeries>(vector.Series.Count);
        foreach (var series in vector.Series)
        {
            var mapped = new StepSeries(LabelSets.DropMetricName(series.Labels), _steps.Count);
            for (var s = 0; s < _steps.Count; s++)
            {
                if (series.Present[s] && map(series.Values[s], s) is { } value)
                {
                    mapped.Set(s, value);
                }
            }

            if (mapped.PointCount > 0)
            {
                output.Add(mapped);
            }
        }

        return Checked(output);
    }

    /// <summary>
    /// The instant vector of a selector at every step: per series the latest sample at or before the step's reference
    /// time and no older than the lookback window, unless that sample is a staleness marker.
    /// </summary>
    private VectorSteps Select(VectorSelector selector)
    {
        var output = new List<StepSeries>();
        foreach (var series in _selected[selector])
        {
            _cancellation.ThrowIfCancellationRequested();
            series.ReadSamples(_buffer);
            var times = _buffer.Timestamps;
            var values = _buffer.Values;
            StepSeries? picked = null;
            var latest = -1;
            for (var s = 0; s < _steps.Count; s++)
            {
                var reference = ReferenceTime(selector, _steps, s);
                while (latest + 1 < times.Length && times[latest + 1] <= reference)
                {
                    latest++;
                }

                if (latest < 0 || times[latest] < reference - _lookbackMs || IsStale(values[latest]))
                {
                    continue;
                }

                (picked ??= new StepSeries(series.Labels, _steps.Count)).Set(s, values[latest]);
            }

            if (picked is not null)
            {
                output.Add(picked);
            }
        }

        return Counted(new VectorSteps(output));
    }

    // Counts a result's points against the limit: every point an expression produces stays held until the query ends.
    private VectorSteps Counted(VectorSteps vector)
    {
        foreach (var series in vector.Series)
        {
            CountSamples(series.PointCount);
        }

        return vector;
    }

    private void CountSamples(long points)
    {
        _samples += points;
        if (_samples > _maxSamples)
        {
            throw QueryException.Execution("query processing would load too many samples into memory in query execution");
        }
    }

    // Counts the points, and merges series that have one label set (what a function or operator that drops the
    // metric name makes of series that differed only by name): at different steps they become one series, as in
    // Prometheus's range evaluation; at one step they are an error.
    private VectorSteps Checked(List<StepSeries> output)
    {
        if (output.Count < 2)
        {
            return Counted(new VectorSteps(output));
        }

        var merged = new Dictionary<Label[], StepSeries>(output.Count, LabelSetComparer.Instance);
        var kept = new List<StepSeries>(output.Count);
        foreach (var series in output)
        {
            if (!merged.TryGetValue(series.Labels, out var first))
            {
                merged.Add(series.Labels, series);
                kept.Add(series);
                continue;
            }

            for (var s = 0; s < series.Present.Length; s++)
            {
                if (series.Present[s])
                {
                    if (first.Present[s])
                    {
                        throw QueryException.Execution("vector cannot contain metrics with the same labelset");
                    }

                    first.Set(s, series.Values[s]);
                }
            }
        }

        return Counted(new VectorSteps(kept));
    }
}
