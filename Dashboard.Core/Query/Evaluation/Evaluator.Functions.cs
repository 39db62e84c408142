using System.Globalization;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Query.Functions;
using Dashboard.Core.Query.Parsing;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query.Evaluation;

internal sealed partial class Evaluator
{
    private EvaluatedValue Call(FunctionCall call)
    {
        var function = call.Function;
        if (!function.Evaluated)
        {
            throw QueryException.Unsupported($"the function {function.Name}()");
        }

        if (function.ArgTypes.Contains(PromQLType.RangeVector))
        {
            return CallOverRange(call);
        }

        var args = call.Args;
        switch (function.Name)
        {
            case "time":
                return Times();
            case "pi":
                return Constant(Math.PI);
            case "sort" or "sort_desc":
                return Sorted(EvaluateVector(args[0]), descending: function.Name == "sort_desc");
            case "vector":
                return Vector(EvaluateScalar(args[0]));
            case "scalar":
                return Scalar(EvaluateVector(args[0]));
            case "absent":
                return Absent(args[0], EvaluateVector(args[0]));
            case "histogram_quantile":
                return HistogramQuantiles(EvaluateScalar(args[0]), EvaluateVector(args[1]));
            case "label_replace":
                return LabelReplace(EvaluateVector(args[0]), Text(args[1]), Text(args[2]), Text(args[3]), Text(args[4]));
            case "label_join":
                return LabelJoin(EvaluateVector(args[0]), Text(args[1]), Text(args[2]), [.. args.Skip(3).Select(Text)]);
            case "round":
                var toNearest = args.Count > 1 ? EvaluateScalar(args[1]).Values : null;
                return MapValues(EvaluateVector(args[0]), (v, s) => ValueFunctions.Round(v, toNearest?[s] ?? 1));
            case "clamp":
                var (low, high) = (EvaluateScalar(args[1]).Values, EvaluateScalar(args[2]).Values);
                return MapValues(EvaluateVector(args[0]), (v, s) => ValueFunctions.Clamp(v, low[s], high[s]));
            case "clamp_min":
                var min = EvaluateScalar(args[1]).Values;
                return MapValues(EvaluateVector(args[0]), (v, s) => ValueFunctions.ClampMin(v, min[s]));
            case "clamp_max":
                var max = EvaluateScalar(args[1]).Values;
                return MapValues(EvaluateVector(args[0]), (v, s) => ValueFunctions.ClampMax(v, max[s]));
            default:
                if (ValueFunctions.Unary.TryGetValue(function.Name, out var map))
                {
                    return MapValues(EvaluateVector(args[0]), map);
                }

                if (ValueFunctions.Calendar.TryGetValue(function.Name, out var part))
                {
                    // Without an argument a calendar function reads the evaluation time, as vector(time()).
                    var times = args.Count > 0 ? EvaluateVector(args[0]) : Vector(Times());
                    return MapValues(times, v => ValueFunctions.OnCalendar(part, v));
                }

                throw QueryException.Unsupported($"the function {function.Name}()");
        }
    }

    private VectorSteps EvaluateVector(Expr expr) => Evaluate(expr) as VectorSteps
        ?? throw QueryException.Unsupported($"{expr} where an instant vector is expected");

    private ScalarSteps EvaluateScalar(Expr expr) => Evaluate(expr) as ScalarSteps
        ?? throw QueryException.Unsupported($"{expr} where a scalar is expected");

    private string Text(Expr expr) => Evaluate(expr) is StringConstant text
        ? text.Value
        : throw QueryException.Unsupported($"{expr} where a string is expected");

    private ScalarSteps Times() => new([.. Enumerable.Range(0, _steps.Count).Select(s => _steps.At(s) / 1e3)]);

    // sort() and sort_desc() order an instant query's answer by value, NaN first either way (as Prometheus's heaps
    // order it); a range query's answer is ordered by labels whatever they do.
    private VectorSteps Sorted(VectorSteps vector, bool descending)
    {
        if (_steps.Count != 1)
        {
            return vector;
        }

        var ordered = vector.Series.Where(s => s.Present[0]).ToList();
        ordered.Sort((a, b) => (double.IsNaN(a.Values[0]), double.IsNaN(b.Values[0])) switch
        {
            (true, true) => 0,
            (true, false) => -1,
            (false, true) => 1,
            _ => descending ? b.Values[0].CompareTo(a.Values[0]) : a.Values[0].CompareTo(b.Values[0]),
        });
        return new VectorSteps(ordered);
    }

    private VectorSteps Vector(ScalarSteps scalar)
    {
        var series = new StepSeries(LabelSets.Empty, _steps.Count);
        for (var s = 0; s < _steps.Count; s++)
        {
            series.Set(s, scalar.Values[s]);
        }

        return Counted(new VectorSteps([series]));
    }

    // The value of the vector's only sample at each step; NaN where it has none or several.
    private ScalarSteps Scalar(VectorSteps vector)
    {
        var values = new double[_steps.Count];
        for (var s = 0; s < _steps.Count; s++)
        {
            var found = 0;
            foreach (var series in vector.Series)
            {
                if (series.Present[s] && ++found == 1)
                {
                    values[s] = series.Values[s];
                }
            }

            if (found != 1)
            {
                values[s] = double.NaN;
            }
        }

        return new ScalarSteps(values);
    }

    // 1 at the steps where the vector is empty, labelled with the selector's equality matchers (a label matched
    // otherwise, or twice, is left out, as nothing can be said of its value).
    private VectorSteps Absent(Expr argument, VectorSteps vector)
    {
        var absent = new StepSeries(AbsentLabels(argument), _steps.Count);
        for (var s = 0; s < _steps.Count; s++)
        {
            if (!vector.Series.Exists(series => series.Present[s]))
            {
                absent.Set(s, 1);
            }
        }

        return Counted(new VectorSteps(absent.PointCount > 0 ? [absent] : []));
    }

    private static Label[] AbsentLabels(Expr argument)
    {
        var labels = LabelSets.Empty;
        if (argument is VectorSelector selector)
        {
            var named = new List<Label>();
            var unknown = new HashSet<string>(StringComparer.Ordinal);
            foreach (var matcher in selector.Matchers.Where(m => m.Name != LabelNames.MetricName))
            {
                if (matcher.Type == LabelMatchType.Equal && !named.Exists(l => l.Name == matcher.Name))
                {
                    named.Add(new Label(matcher.Name, matcher.Value));
                }
                else
                {
                    unknown.Add(matcher.Name);
                }
            }

            labels = [.. named.Where(l => !unknown.Contains(l.Name) && l.Value.Length > 0).OrderBy(l => l.Name, StringComparer.Ordinal)];
        }

        return labels;
    }

    // Per histogram (the series' labels but `le` and the name) and step, the quantile of its buckets present there.
    private VectorSteps HistogramQuantiles(ScalarSteps quantile, VectorSteps buckets)
    {
        var histograms = new Dictionary<Label[], List<(double UpperBound, StepSeries Bucket)>>(LabelSetComparer.Instance);
        var order = new List<Label[]>();
        foreach (var series in buckets.Series)
        {
            if (!TryParseBound(LabelSets.Get(series.Labels, "le"), out var upperBound))
            {
                continue;
            }

            var key = LabelSets.Without(series.Labels, ["le"]);
            if (!histograms.TryGetValue(key, out var members))
            {
                histograms.Add(key, members = []);
                order.Add(key);
            }

            members.Add((upperBound, series));
        }

        var output = new List<StepSeries>(order.Count);
        var bounds = new List<double>();
        var counts = new List<double>();
        foreach (var key in order)
        {
            var members = histograms[key];
            var histogram = new StepSeries(key, _steps.Count);
            for (var s = 0; s < _steps.Count; s++)
            {
                bounds.Clear();
                counts.Clear();
                foreach (var (upperBound, bucket) in members)
                {
                    if (bucket.Present[s])
                    {
                        bounds.Add(upperBound);
                        counts.Add(bucket.Values[s]);
                    }
                }

                if (bounds.Count > 0)
                {
                    histogram.Set(s, HistogramQuantile.Of(quantile.Values[s], [.. bounds], [.. counts]));
                }
            }

            if (histogram.PointCount > 0)
            {
                output.Add(histogram);
            }
        }

        return Counted(new VectorSteps(output));
    }

    // As Go's strconv.ParseFloat reads an `le` value (Prometheus skips a bucket whose `le` does not parse).
    private static bool TryParseBound(string text, out double bound)
    {
        var trimmed = text.StartsWith('+') ? text[1..] : text;
        if (trimmed.Equals("inf", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            bound = text.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out bound);
    }

    private VectorSteps LabelReplace(VectorSteps vector, string destination, string replacement, string source, string pattern)
    {
        LabelRegex regex;
        try
        {
            regex = LabelFunctions.Compile(pattern);
        }
        catch (ArgumentException)
        {
            throw QueryException.Execution($"invalid regular expression in label_replace(): {pattern}");
        }

        if (!IsLabelName(destination))
        {
            throw QueryException.Execution($"invalid destination label name in label_replace(): {destination}");
        }

        return Relabel(vector, labels => LabelFunctions.Replace(regex, replacement, LabelSets.Get(labels, source)) is { } value
            ? LabelSets.With(labels, destination, value)
            : labels);
    }

    private VectorSteps LabelJoin(VectorSteps vector, string destination, string separator, string[] sources)
    {
        if (!IsLabelName(destination))
        {
            throw QueryException.Execution($"invalid destination label name in label_join(): {destination}");
        }

        if (Array.Find(sources, s => !IsLabelName(s)) is { } invalid)
        {
            throw QueryException.Execution($"invalid source label name in label_join(): {invalid}");
        }

        return Relabel(vector, labels =>
            LabelSets.With(labels, destination, LabelFunctions.Join(separator, sources.Select(s => LabelSets.Get(labels, s)))));
    }

    private static bool IsLabelName(string name) => MetricNames.IsValidLabelName(name);

    // New labels per series, values unchanged; series that end up alike at one step are an error.
    private VectorSteps Relabel(VectorSteps vector, Func<Label[], Label[]> relabel)
    {
        var output = new List<StepSeries>(vector.Series.Count);
        foreach (var series in vector.Series)
        {
            var relabelled = new StepSeries(relabel(series.Labels), _steps.Count);
            for (var s = 0; s < _steps.Count; s++)
            {
                if (series.Present[s])
                {
                    relabelled.Set(s, series.Values[s]);
                }
            }

            output.Add(relabelled);
        }

        return Checked(output);
    }
}
