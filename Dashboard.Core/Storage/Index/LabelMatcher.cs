using System.Text.RegularExpressions;

namespace Dashboard.Core.Storage.Index;

/// <summary>
/// One label matcher, <c>name op "value"</c>, with Prometheus semantics: a missing label has the value <c>""</c>, and
/// regular expressions are anchored at both ends.
/// </summary>
public sealed class LabelMatcher
{
    private readonly Regex? _regex;

    /// <summary>Creates a matcher; a regex is compiled once here.</summary>
    /// <param name="type">The operator.</param>
    /// <param name="name">The label name (<c>__name__</c> for the metric name).</param>
    /// <param name="value">The value or pattern.</param>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public LabelMatcher(LabelMatchType type, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Type = type;
        Name = name;
        Value = value;
        if (type is LabelMatchType.Regex or LabelMatchType.NotRegex)
        {
            try
            {
                // As Prometheus 2.42: anchored at the very ends (\z, not $, which also matches before a final newline); `.`
                // does not match a newline (3.0 made it match).
                _regex = new Regex($"^(?:{GoRegexSyntax.ToDotNet(value)})\\z", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"invalid regular expression for label {name}: {ex.Message}", nameof(value), ex);
            }
        }
    }

    /// <summary>The operator.</summary>
    public LabelMatchType Type { get; }

    /// <summary>The label name.</summary>
    public string Name { get; }

    /// <summary>The value or pattern.</summary>
    public string Value { get; }

    /// <summary>Whether the matcher accepts the empty value, i.e. also selects series that lack the label.</summary>
    public bool MatchesEmpty => Matches(string.Empty);

    /// <summary>Shorthand for an equality matcher.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The matcher.</returns>
    public static LabelMatcher Equal(string name, string value) => new(LabelMatchType.Equal, name, value);

    /// <summary>Whether a label value (<c>""</c> when absent) satisfies the matcher.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public bool Matches(string value) => Type switch
    {
        LabelMatchType.Equal => string.Equals(value, Value, StringComparison.Ordinal),
        LabelMatchType.NotEqual => !string.Equals(value, Value, StringComparison.Ordinal),
        LabelMatchType.Regex => _regex!.IsMatch(value),
        _ => !_regex!.IsMatch(value),
    };

    /// <inheritdoc />
    public override string ToString()
    {
        var op = Type switch { LabelMatchType.Equal => "=", LabelMatchType.NotEqual => "!=", LabelMatchType.Regex => "=~", _ => "!~" };
        return $"{Name}{op}\"{Value}\"";
    }
}
