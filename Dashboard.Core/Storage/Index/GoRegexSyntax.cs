using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Core.Storage.Index;

/// <summary>
/// Rewrites a regex written for Go's RE2 (what Prometheus and so every PromQL user writes) into .NET's syntax where
/// the two read the same text differently: POSIX classes (<c>[[:alpha:]]</c>), one-letter Unicode classes
/// (<c>\pL</c>), quoted literals (<c>\Q…\E</c>), the ungreedy flag (<c>(?U)</c>), and the ASCII-only <c>\d</c>,
/// <c>\w</c>, <c>\s</c> (in .NET they take any Unicode digit, letter or space), and named groups
/// (<c>(?P&lt;name&gt;…)</c> becomes <c>(?&lt;name&gt;…)</c>). What is valid in both passes through.
/// </summary>
internal static class GoRegexSyntax
{
    private static readonly Dictionary<string, string> PosixClasses = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z",
        ["alpha"] = "A-Za-z",
        ["ascii"] = @"\x00-\x7F",
        ["blank"] = @"\t ",
        ["cntrl"] = @"\x00-\x1F\x7F",
        ["digit"] = "0-9",
        ["graph"] = "!-~",
        ["lower"] = "a-z",
        ["print"] = " -~",
        ["punct"] = @"!-/:-@\[-`{-~",
        ["space"] = @"\t\n\v\f\r ",
        ["upper"] = "A-Z",
        ["word"] = "0-9A-Za-z_",
        ["xdigit"] = "0-9A-Fa-f",
    };

    private static readonly Dictionary<char, string> PerlClasses = new()
    {
        ['d'] = "0-9",
        ['w'] = "0-9A-Za-z_",
        ['s'] = @"\t\n\f\r ",
    };

    /// <summary>The pattern in .NET's syntax.</summary>
    /// <param name="pattern">A Go (RE2) pattern.</param>
    /// <returns>The same language for .NET's engine.</returns>
    /// <exception cref="ArgumentException">A construct RE2 accepts that has no .NET spelling here (a negated POSIX class).</exception>
    public static string ToDotNet(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var text = new StringBuilder(pattern.Length + 8);
        var ungreedy = new Stack<bool>();
        var lazy = false;
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                i = Escape(pattern, i, inClass, text);
                continue;
            }

            if (inClass)
            {
                if (c == '[' && pattern.AsSpan(i).StartsWith("[:") && pattern.IndexOf(":]", i + 2, StringComparison.Ordinal) is var end and > 0)
                {
                    var name = pattern[(i + 2)..end];
                    if (name.StartsWith('^') || !PosixClasses.TryGetValue(name, out var range))
                    {
                        throw new ArgumentException($"the class [:{name}:] has no .NET equivalent here");
                    }

                    text.Append(range);
                    i = end + 1;
                    continue;
                }

                if (c == ']' && text[^1] != '[' && !(text.Length > 1 && text[^1] == '^' && text[^2] == '['))
                {
                    inClass = false;
                }

                text.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    text.Append(c);
                    break;
                case '(' when pattern.AsSpan(i).StartsWith("(?") && i + 2 < pattern.Length && pattern[i + 2] is not ('P' or '<' or ':' or '=' or '!'):
                    i = Flags(pattern, i, text, ungreedy, ref lazy);
                    break;
                case '(':
                    ungreedy.Push(lazy);
                    text.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '?')
                    {
                        // (?: (?P<name> …: the ? opens a group kind, it quantifies nothing; Go's P before a name
                        // is not .NET's.
                        text.Append('?');
                        i += pattern.AsSpan(i).StartsWith("(?P<") ? 2 : 1;
                    }

                    break;
                case ')':
                    if (ungreedy.Count > 0)
                    {
                        lazy = ungreedy.Pop();
                    }

                    text.Append(c);
                    break;
                case '*' or '+' or '?':
                    text.Append(c);
                    i = Quantified(pattern, i, text, lazy);
                    break;
                case '{' when RepeatEnd(pattern, i) is var close and > 0:
                    text.Append(pattern, i, close - i + 1);
                    i = Quantified(pattern, close, text, lazy);
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.ToString();
    }

    // After a quantifier: in ungreedy mode a plain one becomes lazy and a lazy one (x*?) greedy.
    private static int Quantified(string pattern, int at, StringBuilder text, bool ungreedy)
    {
        var markedLazy = at + 1 < pattern.Length && pattern[at + 1] == '?';
        if (ungreedy != markedLazy)
        {
            text.Append('?');
        }

        return markedLazy ? at + 1 : at;
    }

    private static int RepeatEnd(string pattern, int open)
    {
        var close = pattern.IndexOf('}', open);
        return close > open + 1 && Regex.IsMatch(pattern.AsSpan(open + 1, close - open - 1), @"^\d+(,\d*)?$") ? close : -1;
    }

    // `(?flags)` or `(?flags:`: U (ungreedy) is RE2's alone, so it is taken out and applied by rewriting quantifiers.
    private static int Flags(string pattern, int open, StringBuilder text, Stack<bool> ungreedy, ref bool lazy)
    {
        var at = open + 2;
        var flags = new StringBuilder();
        var negated = false;
        var turnsUngreedy = (bool?)null;
        while (at < pattern.Length && pattern[at] is not (')' or ':'))
        {
            var flag = pattern[at++];
            if (flag == '-')
            {
                negated = true;
                flags.Append(flag);
            }
            else if (flag == 'U')
            {
                turnsUngreedy = !negated;
            }
            else
            {
                flags.Append(flag);
            }
        }

        var scoped = at < pattern.Length && pattern[at] == ':';
        if (scoped)
        {
            ungreedy.Push(lazy);
        }

        lazy = turnsUngreedy ?? lazy;
        var kept = flags.ToString().TrimEnd('-');
        if (scoped)
        {
            text.Append("(?").Append(kept).Append(':');
        }
        else if (kept.Length > 0)
        {
            text.Append("(?").Append(kept).Append(')');
        }

        return at;
    }

    private static int Escape(string pattern, int at, bool inClass, StringBuilder text)
    {
        var next = pattern[at + 1];
        switch (next)
        {
            case 'Q':
                var end = pattern.IndexOf(@"\E", at + 2, StringComparison.Ordinal);
                var literal = end < 0 ? pattern[(at + 2)..] : pattern[(at + 2)..end];
                text.Append(inClass ? EscapeInClass(literal) : Regex.Escape(literal));
                return end < 0 ? pattern.Length - 1 : end + 1;
            case 'p' or 'P' when at + 2 < pattern.Length && pattern[at + 2] != '{':
                text.Append('\\').Append(next).Append('{').Append(pattern[at + 2]).Append('}');
                return at + 2;
            case 'd' or 'w' or 's':
                text.Append(inClass ? PerlClasses[next] : $"[{PerlClasses[next]}]");
                return at + 1;
            case 'D' or 'W' or 'S' when !inClass:
                text.Append("[^").Append(PerlClasses[char.ToLowerInvariant(next)]).Append(']');
                return at + 1;
            default:
                text.Append('\\').Append(next);
                return at + 1;
        }
    }

    private static string EscapeInClass(string literal)
    {
        var text = new StringBuilder(literal.Length * 2);
        foreach (var c in literal)
        {
            if (c is '\\' or ']' or '[' or '^' or '-')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
