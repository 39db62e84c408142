namespace Dashboard.Core.Query.Parsing;

/// <summary>Spelling, precedence and kind of the binary operators.</summary>
public static class BinaryOperators
{
    /// <summary>The operator as written in PromQL.</summary>
    /// <param name="op">The operator.</param>
    /// <returns>Its text.</returns>
    public static string Text(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Power => "^",
        BinaryOperator.Atan2 => "atan2",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.Greater => ">",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.And => "and",
        BinaryOperator.Or => "or",
        _ => "unless",
    };

    /// <summary>Binding strength, Prometheus's order: <c>or</c> &lt; <c>and unless</c> &lt; comparisons &lt; <c>+ -</c> &lt; <c>* / % atan2</c> &lt; <c>^</c>.</summary>
    /// <param name="op">The operator.</param>
    /// <returns>1 (weakest) to 6.</returns>
    public static int Precedence(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => 1,
        BinaryOperator.And or BinaryOperator.Unless => 2,
        BinaryOperator.Add or BinaryOperator.Subtract => 4,
        BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo or BinaryOperator.Atan2 => 5,
        BinaryOperator.Power => 6,
        _ => 3,
    };

    /// <summary>Whether the operator compares (and so filters, or returns 0/1 with <c>bool</c>).</summary>
    /// <param name="op">The operator.</param>
    /// <returns><see langword="true"/> for <c>== != &lt; &gt; &lt;= &gt;=</c>.</returns>
    public static bool IsComparison(BinaryOperator op) => Precedence(op) == 3;

    /// <summary>Whether the operator is a set operator, defined between instant vectors only.</summary>
    /// <param name="op">The operator.</param>
    /// <returns><see langword="true"/> for <c>and or unless</c>.</returns>
    public static bool IsSetOperator(BinaryOperator op) => op is BinaryOperator.And or BinaryOperator.Or or BinaryOperator.Unless;
}
