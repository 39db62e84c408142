using System.Text;

namespace Dashboard.Core.Query.Parsing;

/// <summary>Prints the <c>@</c> and <c>offset</c> modifiers in Prometheus's order.</summary>
internal static class Modifiers
{
    public static StringBuilder Append(StringBuilder text, AtModifier? at, TimeSpan offset)
    {
        if (at is not null)
        {
            text.Append(' ').Append(at);
        }

        if (offset != TimeSpan.Zero)
        {
            text.Append(" offset ").Append(PromQLDuration.Format(offset));
        }

        return text;
    }
}
