namespace Dashboard.Core.Query.Parsing;

/// <summary>A sign applied to a scalar or instant vector expression (signs on number literals are folded in).</summary>
/// <param name="Operator">The sign.</param>
/// <param name="Operand">The expression.</param>
public sealed record UnaryExpr(UnaryOperator Operator, Expr Operand) : Expr
{
    /// <inheritdoc />
    public override PromQLType Type => Operand.Type;

    /// <inheritdoc />
    public override string ToString() => (Operator == UnaryOperator.Minus ? "-" : "+") + Operand;
}
