using Dashboard.Core.Query.Parsing;

namespace Dashboard.Core.Query.Evaluation;

/// <summary>
/// What a query will read, found before it runs: every selector with the time span its steps reach (offset, <c>@</c>,
/// lookback or range included), and whether anything in it is outside what the evaluator does — refused up front with
/// a 400 rather than discovered after the reads.
/// </summary>
internal static class SelectionPlan
{
    /// <summary>Every selector of the expression and the span [min, max] (Unix ms) to read for it.</summary>
    /// <exception cref="QueryException">The expression holds a subquery or a function the evaluator refuses.</exception>
    public static List<(VectorSelector Selector, long MinMs, long MaxMs)> Of(Expr expr, EvaluationSteps steps, long lookbackMs)
    {
        var selections = new List<(VectorSelector, long, long)>();
        Visit(expr, steps, lookbackMs, selections);
        return selections;
    }

    private static void Visit(Expr expr, EvaluationSteps steps, long lookbackMs, List<(VectorSelector, long, long)> selections)
    {
        switch (expr)
        {
            case VectorSelector selector:
                var (first, last) = References(selector, steps);
                selections.Add((selector, first - lookbackMs, last));
                break;
            case MatrixSelector matrix:
                var (start, end) = References(matrix.Selector, steps);
                selections.Add((matrix.Selector, start - (long)matrix.Range.TotalMilliseconds, end));
                break;
            case SubqueryExpr:
                throw QueryException.Unsupported("a subquery");
            case FunctionCall { Function.Evaluated: false } call:
                throw QueryException.Unsupported($"the function {call.Function.Name}()");
            case FunctionCall call:
                foreach (var arg in call.Args)
                {
                    Visit(arg, steps, lookbackMs, selections);
                }

                break;
            case AggregateExpr aggregate:
                if (aggregate.Parameter is not null)
                {
                    Visit(aggregate.Parameter, steps, lookbackMs, selections);
                }

                Visit(aggregate.Expr, steps, lookbackMs, selections);
                break;
            case BinaryExpr binary:
                Visit(binary.Left, steps, lookbackMs, selections);
                Visit(binary.Right, steps, lookbackMs, selections);
                break;
            case ParenExpr paren:
                Visit(paren.Inner, steps, lookbackMs, selections);
                break;
            case UnaryExpr unary:
                Visit(unary.Operand, steps, lookbackMs, selections);
                break;
        }
    }

    // The first and last reference time of a selector over the steps (one time when it has an `@`).
    private static (long First, long Last) References(VectorSelector selector, EvaluationSteps steps) =>
        (Evaluator.ReferenceTime(selector, steps, 0), Evaluator.ReferenceTime(selector, steps, steps.Count - 1));
}
