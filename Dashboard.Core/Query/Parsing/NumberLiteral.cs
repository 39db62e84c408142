using System.Globalization;

namespace Dashboard.Core.Query.Parsing;

/// <summary>A number: <c>1</c>, <c>-2.5e3</c>, <c>0x1f</c>, <c>Inf</c>, <c>NaN</c>. A leading minus is folded in.</summary>
/// <param name="Value">The value.</param>
public sealed record NumberLiteral(double Value) : Expr
{
    /// <inheritdoc />
    public override PromQLType Type => PromQLType.Scalar;

    /// <summary>Prints a number so that the lexer reads it back exactly.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public override string ToString() => Format(Value);
}
