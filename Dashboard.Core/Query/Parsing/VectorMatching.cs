using System.Text;

namespace Dashboard.Core.Query.Parsing;

/// <summary>The vector matching of a binary operation between two instant vectors.</summary>
/// <param name="Cardinality">How series pair up.</param>
/// <param name="MatchingLabels">The labels of <c>on(...)</c> or <c>ignoring(...)</c>.</param>
/// <param name="On">Whether <see cref="MatchingLabels"/> came with <c>on</c> (match on these) rather than <c>ignoring</c>.</param>
/// <param name="Include">The labels of <c>group_left(...)</c> / <c>group_right(...)</c> copied from the "one" side.</param>
public sealed record VectorMatching(VectorMatchCardinality Cardinality, IReadOnlyList<string> MatchingLabels, bool On, IReadOnlyList<string> Include)
{
    /// <summary>Prints the modifiers, with a leading space, or nothing when they are the defaults.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (On || MatchingLabels.Count > 0)
        {
            text.Append(On ? " on" : " ignoring").Append(Grouping.Format(MatchingLabels));
        }

        if (Cardinality is VectorMatchCardinality.ManyToOne or VectorMatchCardinality.OneToMany)
        {
            text.Append(Cardinality == VectorMatchCardinality.ManyToOne ? " group_left" : " group_right");
            if (Include.Count > 0)
            {
                text.Append(Grouping.Format(Include));
            }
        }

        return text.ToString();
    }
}
