namespace Dashboard.Core.Query.Parsing;

/// <summary>The binary operators of PromQL.</summary>
public enum BinaryOperator
{
    /// <summary><c>+</c></summary>
    Add,

    /// <summary><c>-</c></summary>
    Subtract,

    /// <summary><c>*</c></summary>
    Multiply,

    /// <summary><c>/</c></summary>
    Divide,

    /// <summary><c>%</c></summary>
    Modulo,

    /// <summary><c>^</c>, right-associative.</summary>
    Power,

    /// <summary><c>atan2</c></summary>
    Atan2,

    /// <summary><c>==</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary><c>and</c>: intersection.</summary>
    And,

    /// <summary><c>or</c>: union.</summary>
    Or,

    /// <summary><c>unless</c>: complement.</summary>
    Unless,
}
