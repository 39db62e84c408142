namespace Dashboard.Core.Query.Functions;

/// <summary>
/// PromQL's arithmetic and comparison operators on two values, as Prometheus 2.42 applies them per matched pair:
/// IEEE division (x/0 is ±Inf or NaN), <c>%</c> with the dividend's sign (Go's <c>math.Mod</c>), <c>^</c> as
/// <c>math.Pow</c>. A comparison yields whether it holds; the evaluator either filters on it or, with <c>bool</c>,
/// writes 1 or 0.
/// </summary>
public static class ArithmeticOperators
{
    /// <summary>Applies an arithmetic operator.</summary>
    /// <param name="op">One of <c>+ - * / % ^</c>.</param>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>The result.</returns>
    public static double Apply(string op, double left, double right) => op switch
    {
        "+" => left + right,
        "-" => left - right,
        "*" => left * right,
        "/" => left / right,
        "%" => left % right,
        "^" => Math.Pow(left, right),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not an arithmetic operator"),
    };

    /// <summary>Whether a comparison holds (NaN compares false, except <c>!=</c>).</summary>
    /// <param name="op">One of <c>== != &gt; &lt; &gt;= &lt;=</c>.</param>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>Whether it holds.</returns>
    public static bool Compare(string op, double left, double right) => op switch
    {
        "==" => left == right,
        "!=" => left != right,
        ">" => left > right,
        "<" => left < right,
        ">=" => left >= right,
        "<=" => left <= right,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a comparison operator"),
    };
}
