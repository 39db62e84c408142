namespace Dashboard.Core.Storage.Index;

/// <summary>
/// Selects series by label matchers through postings, never by scanning every series' labels. Semantics are
/// PromQL's: a series without the label has the value <c>""</c> for it.
/// </summary>
public static class PostingsSelector
{
    /// <summary>The ids of the series every matcher accepts, ascending.</summary>
    /// <param name="source">The index.</param>
    /// <param name="matchers">The matchers; none selects nothing.</param>
    /// <returns>The ids.</returns>
    public static int[] Select(IPostingsSource source, IReadOnlyList<LabelMatcher> matchers)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(matchers);
        if (matchers.Count == 0)
        {
            return [];
        }

        // Narrowing matchers first (they name the series that carry a matching value); the ones that also accept
        // the empty value can only remove series, so they subtract what they reject.
        int[]? result = null;
        foreach (var matcher in matchers.Where(m => !m.MatchesEmpty).OrderBy(m => m.Type == LabelMatchType.Equal ? 0 : 1))
        {
            var matching = Matching(source, matcher, accept: true);
            result = result is null ? matching : Postings.Intersect(result, matching);
            if (result.Length == 0)
            {
                return result;
            }
        }

        result ??= source.AllPostings();
        foreach (var matcher in matchers.Where(m => m.MatchesEmpty))
        {
            var rejected = Matching(source, matcher, accept: false);
            if (rejected.Length > 0)
            {
                result = Postings.Subtract(result, rejected);
            }
        }

        return result;
    }

    // The series whose value of the matcher's label is present and accepted (or, with accept false, rejected).
    private static int[] Matching(IPostingsSource source, LabelMatcher matcher, bool accept)
    {
        if (matcher.Type == LabelMatchType.Equal && accept)
        {
            return source.PostingsOf(matcher.Name, matcher.Value);
        }

        if (matcher.Type == LabelMatchType.NotEqual && !accept)
        {
            return source.PostingsOf(matcher.Name, matcher.Value);
        }

        var lists = new List<int[]>();
        foreach (var value in source.ValuesOf(matcher.Name))
        {
            if (matcher.Matches(value) == accept)
            {
                lists.Add(source.PostingsOf(matcher.Name, value));
            }
        }

        return Postings.Union(lists);
    }
}
