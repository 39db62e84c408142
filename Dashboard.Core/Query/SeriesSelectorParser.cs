using Dashboard.Core.Query.Parsing;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query;

/// <summary>
/// Parses a PromQL series selector, <c>metric{label="v", other=~"re"}</c>, into label matchers, as Prometheus's
/// <c>match[]</c> parameters take them. It is the PromQL parser's vector selector, so both accept the same syntax.
/// </summary>
public static class SeriesSelectorParser
{
    /// <summary>Parses one selector.</summary>
    /// <param name="text">The selector.</param>
    /// <returns>Its matchers; at least one does not match the empty string.</returns>
    /// <exception cref="SelectorSyntaxException">The text is not a valid selector.</exception>
    public static IReadOnlyList<LabelMatcher> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return PromQLParser.ParseVectorSelector(text).Matchers;
        }
        catch (PromQLSyntaxException ex)
        {
            throw new SelectorSyntaxException($"{ex.Message} (in selector {text})", ex);
        }
    }
}
