using System.Text;

namespace Dashboard.Core.Query.Parsing;

/// <summary>A range vector selector: <c>metric{label="v"}[5m] @ 123 offset 1m</c>.</summary>
/// <param name="Selector">The selector, carrying the offset and <c>@</c> modifier written after the range.</param>
/// <param name="Range">The window.</param>
public sealed record MatrixSelector(VectorSelector Selector, TimeSpan Range) : Expr
{
    /// <inheritdoc />
    public override PromQLType Type => PromQLType.RangeVector;

    /// <inheritdoc />
    public override string ToString()
    {
        var text = Selector.AppendSelector(new StringBuilder()).Append('[').Append(PromQLDuration.Format(Range)).Append(']');
        return Modifiers.Append(text, Selector.At, Selector.Offset).ToString();
    }
}
