using System.Globalization;
using System.Text;
using Dashboard.Core.Query.Parsing;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query.Remote;

/// <summary>
/// Prints a selection as the PromQL a remote evaluates to answer it: a range vector selector,
/// <c>{name="value",…}[Nms]</c>, whose instant query returns the raw samples as a matrix.
/// </summary>
internal static class RangeSelectorText
{
    /// <summary>
    /// The longest range asked for: Prometheus keeps durations in int64 nanoseconds (about 292 years), so a longer one
    /// would not parse; 200 years reaches every sample a server holds.
    /// </summary>
    public const long MaxRangeMs = 200L * 365 * 24 * 3600 * 1000;

    // A never-empty matcher: Prometheus refuses a selector whose every matcher accepts the empty value.
    private static readonly LabelMatcher AnyName = new(LabelMatchType.Regex, "__name__", ".+");

    /// <summary>Prints <paramref name="matchers"/> with a range of <paramref name="rangeMs"/>.</summary>
    /// <param name="matchers">The matchers (Prometheus semantics).</param>
    /// <param name="rangeMs">The range, at least 1 ms.</param>
    /// <returns>The query text.</returns>
    /// <exception cref="FormatException">A label name PromQL cannot express.</exception>
    public static string Format(IReadOnlyList<LabelMatcher> matchers, long rangeMs)
    {
        var text = new StringBuilder("{");
        if (matchers.All(m => m.MatchesEmpty))
        {
            // Every series has a name, so this selects the same series as the matchers alone would.
            Append(text, AnyName);
        }

        foreach (var matcher in matchers)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            Append(text, matcher);
        }

        return text.Append("}[").Append(rangeMs.ToString(CultureInfo.InvariantCulture)).Append("ms]").ToString();
    }

    private static void Append(StringBuilder text, LabelMatcher matcher)
    {
        if (!IsLabelName(matcher.Name))
        {
            throw new FormatException($"the label name {StringLiteral.Quote(matcher.Name)} cannot be written in PromQL");
        }

        text.Append(matcher.Name).Append(matcher.Type switch
        {
            LabelMatchType.Equal => "=",
            LabelMatchType.NotEqual => "!=",
            LabelMatchType.Regex => "=~",
            _ => "!~",
        }).Append(StringLiteral.Quote(matcher.Value));
    }

    private static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
