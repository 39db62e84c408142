using System.Globalization;
using System.Text;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query;

/// <summary>
/// Parses a PromQL series selector, <c>metric{label="v", other=~"re"}</c>, into label matchers, as Prometheus's
/// <c>match[]</c> parameters take them. Strings may use double, single or back quotes with Go-style escapes.
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
        var reader = new Reader(text);
        var matchers = new List<LabelMatcher>();
        reader.SkipSpace();
        if (reader.PeekIdentifierStart(allowColon: true))
        {
            matchers.Add(LabelMatcher.Equal(LabelNames.MetricName, reader.Identifier(allowColon: true)));
            reader.SkipSpace();
        }

        if (reader.TryTake('{'))
        {
            reader.SkipSpace();
            while (!reader.TryTake('}'))
            {
                var name = reader.Identifier(allowColon: false);
                reader.SkipSpace();
                var type = reader.Operator();
                reader.SkipSpace();
                var value = reader.QuotedString();
                try
                {
                    matchers.Add(new LabelMatcher(type, name, value));
                }
                catch (ArgumentException ex)
                {
                    throw new SelectorSyntaxException($"{ex.Message} (in selector {text})", ex);
                }

                reader.SkipSpace();
                if (!reader.TryTake(','))
                {
                    reader.SkipSpace();
                    reader.Expect('}');
                    break;
                }

                reader.SkipSpace();
            }
        }

        reader.SkipSpace();
        if (!reader.AtEnd)
        {
            throw reader.Error("end of selector");
        }

        if (matchers.Count == 0)
        {
            throw new SelectorSyntaxException($"empty selector: \"{text}\"");
        }

        if (matchers.All(m => m.MatchesEmpty))
        {
            throw new SelectorSyntaxException($"selector {text} must contain at least one matcher that does not match the empty string");
        }

        return matchers;
    }

    private sealed class Reader(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        public bool TryTake(char c)
        {
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }

            return false;
        }

        public void Expect(char c)
        {
            if (!TryTake(c))
            {
                throw Error($"'{c}'");
            }
        }

        public bool PeekIdentifierStart(bool allowColon) =>
            _at < text.Length && (char.IsAsciiLetter(text[_at]) || text[_at] == '_' || (allowColon && text[_at] == ':'));

        public string Identifier(bool allowColon)
        {
            if (!PeekIdentifierStart(allowColon))
            {
                throw Error(allowColon ? "a metric name" : "a label name");
            }

            var start = _at;
            while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_' || (allowColon && text[_at] == ':')))
            {
                _at++;
            }

            return text[start.._at];
        }

        public LabelMatchType Operator()
        {
            if (TryTake('='))
            {
                return TryTake('~') ? LabelMatchType.Regex : LabelMatchType.Equal;
            }

            if (TryTake('!'))
            {
                if (TryTake('='))
                {
                    return LabelMatchType.NotEqual;
                }

                if (TryTake('~'))
                {
                    return LabelMatchType.NotRegex;
                }
            }

            throw Error("one of =, !=, =~, !~");
        }

        public string QuotedString()
        {
            if (_at >= text.Length || text[_at] is not ('"' or '\'' or '`'))
            {
                throw Error("a quoted string");
            }

            var quote = text[_at++];
            var value = new StringBuilder();
            while (_at < text.Length && text[_at] != quote)
            {
                var c = text[_at++];
                if (c != '\\' || quote == '`')
                {
                    value.Append(c);
                    continue;
                }

                if (_at >= text.Length)
                {
                    break;
                }

                var escaped = text[_at++];
                value.Append(escaped switch
                {
                    'n' => "\n",
                    't' => "\t",
                    'r' => "\r",
                    'a' => "\a",
                    'b' => "\b",
                    'f' => "\f",
                    'v' => "\v",
                    '\\' or '"' or '\'' => escaped.ToString(),
                    'x' => Hex(2),
                    'u' => Hex(4),
                    'U' => Hex(8),
                    _ => throw Error("a valid escape sequence"),
                });
            }

            if (!TryTake(quote))
            {
                throw Error($"closing {quote}");
            }

            return value.ToString();
        }

        public SelectorSyntaxException Error(string expected)
        {
            var found = _at < text.Length ? $"'{text[_at]}'" : "end of input";
            return new SelectorSyntaxException($"at position {_at + 1} of selector {text}: expected {expected}, found {found}");
        }

        private string Hex(int digits)
        {
            if (_at + digits > text.Length
                || !int.TryParse(text.AsSpan(_at, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                throw Error($"{digits} hex digits");
            }

            _at += digits;
            return char.ConvertFromUtf32(code);
        }
    }
}
