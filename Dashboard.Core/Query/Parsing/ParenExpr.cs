namespace Dashboard.Core.Query.Parsing;

/// <summary>A parenthesised expression, kept so that the tree prints back as written.</summary>
/// <param name="Inner">The expression inside.</param>
public sealed record ParenExpr(Expr Inner) : Expr
{
    /// <inheritdoc />
    public override PromQLType Type => Inner.Type;

    /// <inheritdoc />
    public override string ToString() => $"({Inner})";
}
