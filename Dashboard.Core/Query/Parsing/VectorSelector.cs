using System.Text;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query.Parsing;

/// <summary>An instant vector selector: <c>metric{label="v"} @ 123 offset 5m</c>.</summary>
/// <param name="MetricName">The metric name written before the braces, or <see langword="null"/>.</param>
/// <param name="Matchers">Every matcher, the metric name's equality matcher first when there is one; at least one does not match the empty string.</param>
/// <param name="Offset">The offset (negative looks ahead); zero when absent.</param>
/// <param name="At">The <c>@</c> modifier, or <see langword="null"/>.</param>
public sealed record VectorSelector(string? MetricName, IReadOnlyList<LabelMatcher> Matchers, TimeSpan Offset, AtModifier? At) : Expr
{
    /// <inheritdoc />
    public override PromQLType Type => PromQLType.InstantVector;

    /// <inheritdoc />
    public override string ToString() => Modifiers.Append(AppendSelector(new StringBuilder()), At, Offset).ToString();

    /// <summary>Appends the name and matchers without the modifiers.</summary>
    /// <param name="text">Where to append.</param>
    /// <returns><paramref name="text"/>.</returns>
    internal StringBuilder AppendSelector(StringBuilder text)
    {
        text.Append(MetricName);
        var shown = Matchers.Where(m => MetricName is null || !IsNameMatcher(m)).ToList();
        if (shown.Count == 0 && MetricName is not null)
        {
            return text;
        }

        text.Append('{');
        for (var i = 0; i < shown.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            var op = shown[i].Type switch
            {
                LabelMatchType.Equal => "=",
                LabelMatchType.NotEqual => "!=",
                LabelMatchType.Regex => "=~",
                _ => "!~",
            };
            text.Append(shown[i].Name).Append(op).Append(StringLiteral.Quote(shown[i].Value));
        }

        return text.Append('}');
    }

    private bool IsNameMatcher(LabelMatcher matcher) =>
        matcher.Type == LabelMatchType.Equal && matcher.Name == LabelNames.MetricName && matcher.Value == MetricName;
}
