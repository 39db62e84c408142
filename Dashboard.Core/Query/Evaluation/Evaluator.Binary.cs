using Dashboard.Abstractions;
using Dashboard.Core.Query.Functions;
using Dashboard.Core.Query.Parsing;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query.Evaluation;

internal sealed partial class Evaluator
{
    private EvaluatedValue Binary(BinaryExpr binary)
    {
        var left = Evaluate(binary.Left);
        var right = Evaluate(binary.Right);
        return (left, right) switch
        {
            (ScalarSteps l, ScalarSteps r) => new ScalarSteps([.. l.Values.Select((v, s) => ScalarResult(binary, v, r.Values[s]))]),
            (VectorSteps l, ScalarSteps r) => WithScalar(binary, l, r, scalarOnLeft: false),
            (ScalarSteps l, VectorSteps r) => WithScalar(binary, r, l, scalarOnLeft: true),
            (VectorSteps l, VectorSteps r) when BinaryOperators.IsSetOperator(binary.Operator) => SetOperation(binary, l, r),
            (VectorSteps l, VectorSteps r) => Matched(binary, l, r),
            _ => throw QueryException.Unsupported($"the operator {BinaryOperators.Text(binary.Operator)} between {binary.Left.Type} and {binary.Right.Type}"),
        };
    }

    private static double ScalarResult(BinaryExpr binary, double left, double right) =>
        BinaryOperators.IsComparison(binary.Operator)
            ? Compare(binary.Operator, left, right) ? 1 : 0
            : Arithmetic(binary.Operator, left, right);

    private static double Arithmetic(BinaryOperator op, double left, double right) =>
        op == BinaryOperator.Atan2 ? Math.Atan2(left, right) : ArithmeticOperators.Apply(BinaryOperators.Text(op), left, right);

    private static bool Compare(BinaryOperator op, double left, double right) =>
        ArithmeticOperators.Compare(BinaryOperators.Text(op), left, right);

    // The value an operator gives a matched pair, or null when a comparison filters it out. A filtering comparison
    // keeps the vector's value (the left one between two vectors).
    private static double? PairResult(BinaryExpr binary, double left, double right, double kept)
    {
        if (!BinaryOperators.IsComparison(binary.Operator))
        {
            return Arithmetic(binary.Operator, left, right);
        }

        var holds = Compare(binary.Operator, left, right);
        return binary.ReturnBool ? (holds ? 1 : 0) : holds ? kept : null;
    }

    // Arithmetic (but atan2, in 2.42) and `bool` drop the metric name; a filtering comparison keeps the series as it was.
    private static bool DropsName(BinaryExpr binary) =>
        binary.ReturnBool || !(BinaryOperators.IsComparison(binary.Operator) || binary.Operator == BinaryOperator.Atan2);

    private VectorSteps WithScalar(BinaryExpr binary, VectorSteps vector, ScalarSteps scalar, bool scalarOnLeft)
    {
        var output = new List<StepSeries>(vector.Series.Count);
        foreach (var series in vector.Series)
        {
            var result = new StepSeries(DropsName(binary) ? LabelSets.DropMetricName(series.Labels) : series.Labels, _steps.Count);
            for (var s = 0; s < _steps.Count; s++)
            {
                if (!series.Present[s])
                {
                    continue;
                }

                var (value, other) = (series.Values[s], scalar.Values[s]);
                var (left, right) = scalarOnLeft ? (other, value) : (value, other);
                if (PairResult(binary, left, right, kept: value) is { } outcome)
                {
                    result.Set(s, outcome);
                }
            }

            if (result.PointCount > 0)
            {
                output.Add(result);
            }
        }

        return Checked(output);
    }

    private static VectorMatching MatchingOf(BinaryExpr binary) => binary.Matching ?? new VectorMatching(
        BinaryOperators.IsSetOperator(binary.Operator) ? VectorMatchCardinality.ManyToMany : VectorMatchCardinality.OneToOne,
        [], false, []);

    // The labels two series are matched on: those named by on(…), or all but those named by ignoring(…) and the name.
    private static Label[] Signature(Label[] labels, VectorMatching matching) => matching.On
        ? LabelSets.Keep(labels, matching.MatchingLabels)
        : LabelSets.Without(labels, matching.MatchingLabels);

    /// <summary><c>and</c>, <c>or</c>, <c>unless</c>: step by step, by signature, series kept whole with their labels.</summary>
    private VectorSteps SetOperation(BinaryExpr binary, VectorSteps left, VectorSteps right)
    {
        var matching = MatchingOf(binary);
        var leftSignatures = left.Series.Select(s => Signature(s.Labels, matching)).ToArray();
        var rightSignatures = right.Series.Select(s => Signature(s.Labels, matching)).ToArray();
        var output = new List<StepSeries>();
        var present = new HashSet<Label[]>(LabelSetComparer.Instance);
        var (filtered, others) = binary.Operator == BinaryOperator.Or ? (right, leftSignatures) : (left, rightSignatures);
        var filteredSignatures = binary.Operator == BinaryOperator.Or ? rightSignatures : leftSignatures;
        var othersSeries = binary.Operator == BinaryOperator.Or ? left : right;
        var keepMatching = binary.Operator == BinaryOperator.And;
        var kept = filtered.Series.Select(s => new StepSeries(s.Labels, _steps.Count)).ToArray();
        for (var s = 0; s < _steps.Count; s++)
        {
            present.Clear();
            for (var i = 0; i < othersSeries.Series.Count; i++)
            {
                if (othersSeries.Series[i].Present[s])
                {
                    present.Add(others[i]);
                }
            }

            for (var i = 0; i < filtered.Series.Count; i++)
            {
                if (filtered.Series[i].Present[s] && present.Contains(filteredSignatures[i]) == keepMatching)
                {
                    kept[i].Set(s, filtered.Series[i].Values[s]);
                }
            }
        }

        if (binary.Operator == BinaryOperator.Or)
        {
            output.AddRange(left.Series);
        }

        output.AddRange(kept.Where(k => k.PointCount > 0));
        return Checked(output);
    }

    /// <summary>
    /// Arithmetic and comparison between two vectors: one-to-one, or many-to-one with <c>group_left</c> /
    /// <c>group_right</c> (the "one" side's <c>group_x(…)</c> labels copied onto the result), step by step, with
    /// Prometheus's errors where a match is ambiguous.
    /// </summary>
    private VectorSteps Matched(BinaryExpr binary, VectorSteps left, VectorSteps right)
    {
        var matching = MatchingOf(binary);
        var swapped = matching.Cardinality == VectorMatchCardinality.OneToMany;
        var (many, one) = swapped ? (right, left) : (left, right);
        var manySignatures = many.Series.Select(s => Signature(s.Labels, matching)).ToArray();
        var oneSignatures = one.Series.Select(s => Signature(s.Labels, matching)).ToArray();
        var resultLabels = new Dictionary<(int, int), Label[]>();
        var output = new Dictionary<Label[], StepSeries>(LabelSetComparer.Instance);
        var order = new List<StepSeries>();
        var oneBySignature = new Dictionary<Label[], int>(LabelSetComparer.Instance);
        var matched = new Dictionary<Label[], HashSet<Label[]>>(LabelSetComparer.Instance);
        for (var s = 0; s < _steps.Count; s++)
        {
            if (!many.Series.Exists(x => x.Present[s]) || !one.Series.Exists(x => x.Present[s]))
            {
                continue;
            }

            oneBySignature.Clear();
            matched.Clear();
            for (var j = 0; j < one.Series.Count; j++)
            {
                if (!one.Series[j].Present[s])
                {
                    continue;
                }

                if (oneBySignature.TryGetValue(oneSignatures[j], out var duplicate))
                {
                    throw QueryException.Execution(
                        $"found duplicate series for the match group {LabelSets.Format(oneSignatures[j])} on the {(swapped ? "left" : "right")} hand-side of the operation: " +
                        $"[{LabelSets.Format(one.Series[j].Labels)}, {LabelSets.Format(one.Series[duplicate].Labels)}];many-to-many matching not allowed: matching labels must be unique on one side");
                }

                oneBySignature.Add(oneSignatures[j], j);
            }

            for (var i = 0; i < many.Series.Count; i++)
            {
                if (!many.Series[i].Present[s] || !oneBySignature.TryGetValue(manySignatures[i], out var j))
                {
                    continue;
                }

                var (l, r) = swapped ? (one.Series[j].Values[s], many.Series[i].Values[s]) : (many.Series[i].Values[s], one.Series[j].Values[s]);
                if (PairResult(binary, l, r, kept: l) is not { } value)
                {
                    continue;
                }

                if (!resultLabels.TryGetValue((i, j), out var labels))
                {
                    resultLabels.Add((i, j), labels = ResultLabels(binary, matching, many.Series[i].Labels, one.Series[j].Labels));
                }

                if (!matched.TryGetValue(manySignatures[i], out var inserted))
                {
                    matched.Add(manySignatures[i], inserted = new HashSet<Label[]>(LabelSetComparer.Instance));
                }
                else if (matching.Cardinality == VectorMatchCardinality.OneToOne)
                {
                    throw QueryException.Execution("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                }

                if (!inserted.Add(labels))
                {
                    throw QueryException.Execution("multiple matches for labels: grouping labels must ensure unique matches");
                }

                if (!output.TryGetValue(labels, out var series))
                {
                    output.Add(labels, series = new StepSeries(labels, _steps.Count));
                    order.Add(series);
                }
                else if (series.Present[s])
                {
                    throw QueryException.Execution("vector cannot contain metrics with the same labelset");
                }

                series.Set(s, value);
            }
        }

        return Counted(new VectorSteps(order));
    }

    // The labels of a matched pair's result: the "many" side's, without the name for arithmetic or `bool`, cut to
    // the on(…) labels (or without the ignoring(…) ones) one-to-one, plus the group_x(…) labels of the "one" side.
    private static Label[] ResultLabels(BinaryExpr binary, VectorMatching matching, Label[] many, Label[] one)
    {
        var labels = DropsName(binary) ? LabelSets.DropMetricName(many) : many;
        if (matching.Cardinality == VectorMatchCardinality.OneToOne)
        {
            labels = matching.On
                ? LabelSets.Keep(labels, matching.MatchingLabels)
                : Array.FindAll(labels, l => !matching.MatchingLabels.Contains(l.Name));
        }

        foreach (var name in matching.Include)
        {
            labels = LabelSets.With(labels, name, LabelSets.Get(one, name));
        }

        return labels;
    }
}
