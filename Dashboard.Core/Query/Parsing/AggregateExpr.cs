using System.Text;

namespace Dashboard.Core.Query.Parsing;

/// <summary>An aggregation: <c>sum by (job) (x)</c>, <c>topk without (cpu) (5, x)</c>.</summary>
/// <param name="Operator">The aggregation.</param>
/// <param name="Expr">The instant vector aggregated.</param>
/// <param name="Parameter">The parameter of topk, bottomk, quantile and count_values, else <see langword="null"/>.</param>
/// <param name="Grouping">The labels of <c>by</c> or <c>without</c>.</param>
/// <param name="Without">Whether <see cref="Grouping"/> lists the labels to drop rather than to keep.</param>
public sealed record AggregateExpr(AggregationOperator Operator, Expr Expr, Expr? Parameter, IReadOnlyList<string> Grouping, bool Without) : Expr
{
    /// <inheritdoc />
    public override PromQLType Type => PromQLType.InstantVector;

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder(AggregationOperators.Name(Operator));
        if (Without || Grouping.Count > 0)
        {
            text.Append(Without ? " without " : " by ").Append(Parsing.Grouping.Format(Grouping)).Append(' ');
        }

        text.Append('(');
        if (Parameter is not null)
        {
            text.Append(Parameter).Append(", ");
        }

        return text.Append(Expr).Append(')').ToString();
    }
}
