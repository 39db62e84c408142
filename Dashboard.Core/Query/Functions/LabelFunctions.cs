using System.Text;
using System.Text.RegularExpressions;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query.Functions;

/// <summary>
/// The string work of <c>label_replace</c> and <c>label_join</c>, as Prometheus 2.42 does it: the regex anchored at
/// both ends, the replacement expanded like Go's <c>Regexp.Expand</c> (<c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>$$</c>;
/// a name runs over every letter, digit and underscore, so <c>$1x</c> means group "1x", which is empty).
/// </summary>
public static class LabelFunctions
{
    /// <summary>
    /// Compiles a <c>label_replace</c> regex, anchored as Prometheus anchors it. Go numbers every group, named or not,
    /// by its opening parenthesis, while .NET numbers named groups after the others; so named groups (Go's
    /// <c>(?P&lt;name&gt;…)</c>) are compiled as plain groups and their names kept aside, with Go's numbers.
    /// </summary>
    /// <param name="pattern">The regex as written in the query.</param>
    /// <returns>The compiled regex and the number of each named group.</returns>
    public static LabelRegex Compile(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        pattern = GoRegexSyntax.ToDotNet(pattern);
        var plain = new StringBuilder(pattern.Length);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = 0;
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                plain.Append(c).Append(pattern[++i]);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '(' && !pattern.AsSpan(i).StartsWith("(?"))
            {
                groups++;
            }
            else if (c == '(' && NamedGroup(pattern, i) is { } named)
            {
                names[named.Name] = ++groups;
                plain.Append('(');
                i += named.Length - 1;
                continue;
            }

            plain.Append(c);
        }

        return new LabelRegex(
            new Regex($"^(?:{plain})\\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), names);
    }

    /// <summary>
    /// The new value of the destination label for a source value, or <see langword="null"/> when the regex does not
    /// match (the series keeps its labels). An empty result removes the destination label.
    /// </summary>
    /// <param name="regex">The compiled regex (<see cref="Compile"/>).</param>
    /// <param name="replacement">The replacement template.</param>
    /// <param name="sourceValue">The source labels' value (joined with commas when several).</param>
    /// <returns>The expanded replacement, or null.</returns>
    public static string? Replace(LabelRegex regex, string replacement, string sourceValue)
    {
        ArgumentNullException.ThrowIfNull(regex);
        ArgumentNullException.ThrowIfNull(replacement);
        var match = regex.Regex.Match(sourceValue);
        return match.Success ? Expand(regex, match, replacement) : null;
    }

    /// <summary><c>label_join</c>: the source values joined by the separator.</summary>
    /// <param name="separator">The separator.</param>
    /// <param name="values">The source labels' values, in the order given (a missing label is "").</param>
    /// <returns>The joined value.</returns>
    public static string Join(string separator, IEnumerable<string> values) => string.Join(separator, values);

    private static string Expand(LabelRegex regex, Match match, string template)
    {
        var result = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '$' || i + 1 == template.Length)
            {
                result.Append(template[i]);
                continue;
            }

            var next = template[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i++;
                continue;
            }

            string name;
            if (next == '{')
            {
                var close = template.IndexOf('}', i + 2);
                name = close < 0 ? string.Empty : template[(i + 2)..close];
                if (close < 0 || !IsName(name))
                {
                    // Not a well-formed reference: Go writes the '$' as it is.
                    result.Append('$');
                    continue;
                }

                i = close;
            }
            else
            {
                var end = i + 1;
                while (end < template.Length && (char.IsAsciiLetterOrDigit(template[end]) || template[end] == '_'))
                {
                    end++;
                }

                if (end == i + 1)
                {
                    result.Append('$');
                    continue;
                }

                name = template[(i + 1)..end];
                i = end - 1;
            }

            result.Append(Group(regex, match, name));
        }

        return result.ToString();
    }

    private static string Group(LabelRegex regex, Match match, string name)
    {
        var number = name.All(char.IsAsciiDigit)
            ? int.TryParse(name, out var parsed) ? parsed : -1
            : regex.Names.GetValueOrDefault(name, -1);
        return number >= 0 && number < match.Groups.Count && match.Groups[number].Success ? match.Groups[number].Value : string.Empty;
    }

    /// <summary>A named group opening at <paramref name="at"/>: <c>(?P&lt;name&gt;</c> or <c>(?&lt;name&gt;</c>.</summary>
    private static (string Name, int Length)? NamedGroup(string pattern, int at)
    {
        foreach (var opening in (string[])["(?P<", "(?<"])
        {
            if (pattern.AsSpan(at).StartsWith(opening) && pattern.IndexOf('>', at) is var close and > 0)
            {
                var name = pattern[(at + opening.Length)..close];
                if (IsName(name))
                {
                    return (name, close - at + 1);
                }
            }
        }

        return null;
    }

    private static bool IsName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
