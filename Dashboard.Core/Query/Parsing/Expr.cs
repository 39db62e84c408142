namespace Dashboard.Core.Query.Parsing;

/// <summary>
/// A node of a parsed PromQL expression. Nodes are immutable; <see cref="ToString"/> prints the node back as canonical
/// PromQL, which parses to the same tree.
/// </summary>
public abstract record Expr
{
    /// <summary>The type the expression evaluates to.</summary>
    public abstract PromQLType Type { get; }

    /// <summary>The expression as canonical PromQL.</summary>
    /// <returns>The text.</returns>
    public abstract override string ToString();
}
