namespace Dashboard.Core.Query.Parsing;

/// <summary>A sign in front of an expression.</summary>
public enum UnaryOperator
{
    /// <summary><c>-</c></summary>
    Minus,

    /// <summary><c>+</c></summary>
    Plus,
}
