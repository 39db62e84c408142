namespace Dashboard.Core.Query.Parsing;

/// <summary>A binary operation: <c>a / on(job) group_left(team) b</c>, <c>a &gt; bool 1</c>, <c>a and b</c>.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
/// <param name="ReturnBool">Whether a comparison returns 0/1 (<c>bool</c>) rather than filtering.</param>
/// <param name="Matching">The vector matching when both operands are instant vectors, else <see langword="null"/>.</param>
public sealed record BinaryExpr(BinaryOperator Operator, Expr Left, Expr Right, bool ReturnBool, VectorMatching? Matching) : Expr
{
    /// <inheritdoc />
    public override PromQLType Type =>
        Left.Type == PromQLType.Scalar && Right.Type == PromQLType.Scalar ? PromQLType.Scalar : PromQLType.InstantVector;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Left} {BinaryOperators.Text(Operator)}{(ReturnBool ? " bool" : string.Empty)}{Matching} {Right}";
}
