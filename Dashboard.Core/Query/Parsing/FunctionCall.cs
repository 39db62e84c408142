namespace Dashboard.Core.Query.Parsing;

/// <summary>A function call: <c>rate(x[5m])</c>, <c>label_replace(x, "dst", "$1", "src", "(.*)")</c>.</summary>
/// <param name="Function">The function.</param>
/// <param name="Args">The arguments, type-checked against the function's signature.</param>
public sealed record FunctionCall(PromQLFunction Function, IReadOnlyList<Expr> Args) : Expr
{
    /// <inheritdoc />
    public override PromQLType Type => Function.ReturnType;

    /// <inheritdoc />
    public override string ToString() => $"{Function.Name}({string.Join(", ", Args)})";
}
