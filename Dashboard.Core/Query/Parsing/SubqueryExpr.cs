using System.Text;

namespace Dashboard.Core.Query.Parsing;

/// <summary>A subquery: <c>expr[1h:5m] @ 123 offset 1m</c>, an instant vector expression evaluated over a window.</summary>
/// <param name="Expr">The instant vector expression.</param>
/// <param name="Range">The window.</param>
/// <param name="Step">The resolution, or <see langword="null"/> for the default evaluation interval (<c>[1h:]</c>).</param>
/// <param name="Offset">The offset; zero when absent.</param>
/// <param name="At">The <c>@</c> modifier, or <see langword="null"/>.</param>
public sealed record SubqueryExpr(Expr Expr, TimeSpan Range, TimeSpan? Step, TimeSpan Offset, AtModifier? At) : Expr
{
    /// <inheritdoc />
    public override PromQLType Type => PromQLType.RangeVector;

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder().Append(Expr).Append('[').Append(PromQLDuration.Format(Range)).Append(':');
        if (Step is { } step)
        {
            text.Append(PromQLDuration.Format(step));
        }

        return Modifiers.Append(text.Append(']'), At, Offset).ToString();
    }
}
