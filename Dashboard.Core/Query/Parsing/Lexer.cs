using System.Globalization;
using System.Text;

namespace Dashboard.Core.Query.Parsing;

/// <summary>
/// Splits a PromQL query into tokens: identifiers (keywords included), numbers, durations, strings with Go escapes,
/// punctuation and operators; <c>#</c> comments and white space are skipped.
/// </summary>
internal sealed class Lexer(string query)
{
    private int _at;

    /// <summary>Reads every token; the last is <see cref="TokenKind.EndOfInput"/>.</summary>
    /// <exception cref="PromQLSyntaxException">A string, number or duration is malformed.</exception>
    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        Token token;
        do
        {
            token = Next();
            tokens.Add(token);
        }
        while (token.Kind != TokenKind.EndOfInput);

        return tokens;
    }

    private Token Next()
    {
        SkipSpaceAndComments();
        var start = _at;
        if (_at >= query.Length)
        {
            return new(TokenKind.EndOfInput, start, string.Empty);
        }

        var c = query[_at];
        if (char.IsAsciiLetter(c) || c is '_' or ':')
        {
            // ':' also separates a subquery's range from its step; a range is a duration, so it ends before the ':'.
            if (c == ':')
            {
                _at++;
                if (_at < query.Length && (char.IsAsciiLetter(query[_at]) || query[_at] == '_'))
                {
                    return Identifier(start);
                }

                return new(TokenKind.Colon, start, ":");
            }

            return Identifier(start);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && _at + 1 < query.Length && char.IsAsciiDigit(query[_at + 1])))
        {
            return NumberOrDuration(start);
        }

        if (c is '"' or '\'' or '`')
        {
            return QuotedString(start);
        }

        _at++;
        var next = _at < query.Length ? query[_at] : '\0';
        (TokenKind Kind, int Length) op = c switch
        {
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            '{' => (TokenKind.LeftBrace, 1),
            '}' => (TokenKind.RightBrace, 1),
            '[' => (TokenKind.LeftBracket, 1),
            ']' => (TokenKind.RightBracket, 1),
            ',' => (TokenKind.Comma, 1),
            '@' => (TokenKind.At, 1),
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '%' => (TokenKind.Percent, 1),
            '^' => (TokenKind.Caret, 1),
            '=' when next == '=' => (TokenKind.EqualEqual, 2),
            '=' when next == '~' => (TokenKind.RegexMatch, 2),
            '=' => (TokenKind.Assign, 1),
            '!' when next == '=' => (TokenKind.NotEqual, 2),
            '!' when next == '~' => (TokenKind.NotRegexMatch, 2),
            '<' when next == '=' => (TokenKind.LessOrEqual, 2),
            '<' => (TokenKind.Less, 1),
            '>' when next == '=' => (TokenKind.GreaterOrEqual, 2),
            '>' => (TokenKind.Greater, 1),
            _ => (TokenKind.Invalid, 1),
        };
        _at = start + op.Length;
        if (op.Kind == TokenKind.Invalid && char.IsSurrogatePair(query, start))
        {
            _at++;
        }

        return new(op.Kind, start, query[start.._at]);
    }

    private void SkipSpaceAndComments()
    {
        while (_at < query.Length)
        {
            if (char.IsWhiteSpace(query[_at]))
            {
                _at++;
            }
            else if (query[_at] == '#')
            {
                while (_at < query.Length && query[_at] != '\n')
                {
                    _at++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private Token Identifier(int start)
    {
        while (_at < query.Length && (char.IsAsciiLetterOrDigit(query[_at]) || query[_at] is '_' or ':'))
        {
            _at++;
        }

        var text = query[start.._at];
        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            return new(TokenKind.Number, start, text, double.PositiveInfinity);
        }

        if (text.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return new(TokenKind.Number, start, text, double.NaN);
        }

        return new(TokenKind.Identifier, start, text);
    }

    private Token NumberOrDuration(int start)
    {
        var isDecimalInteger = true;
        if (query[_at] == '0' && _at + 1 < query.Length && query[_at + 1] is 'x' or 'X')
        {
            _at += 2;
            isDecimalInteger = false;
            while (_at < query.Length && char.IsAsciiHexDigit(query[_at]))
            {
                _at++;
            }
        }
        else
        {
            SkipDigits();
            if (_at < query.Length && query[_at] == '.')
            {
                isDecimalInteger = false;
                _at++;
                SkipDigits();
            }

            if (_at < query.Length && query[_at] is 'e' or 'E' && ExponentFollows())
            {
                isDecimalInteger = false;
                _at++;
                if (query[_at] is '+' or '-')
                {
                    _at++;
                }

                SkipDigits();
            }
        }

        if (_at < query.Length && (char.IsAsciiLetterOrDigit(query[_at]) || query[_at] == '_'))
        {
            // A duration is digits and units (1h30m); anything else glued to a number is an error, as in Prometheus.
            while (_at < query.Length && (char.IsAsciiLetterOrDigit(query[_at]) || query[_at] == '_'))
            {
                _at++;
            }

            var word = query[start.._at];
            if (!isDecimalInteger || !PromQLDuration.TryParse(word, out var duration))
            {
                throw new PromQLSyntaxException(query, start, $"bad number or duration syntax: {StringLiteral.Quote(word)}");
            }

            return new(TokenKind.Duration, start, word, Duration: duration);
        }

        var text = query[start.._at];
        if (!TryParseNumber(text, out var value))
        {
            throw new PromQLSyntaxException(query, start, $"bad number syntax: {StringLiteral.Quote(text)}");
        }

        // .NET reads 1e400 as infinity; Go's ParseFloat, and so Prometheus, refuses it.
        if (double.IsInfinity(value))
        {
            throw new PromQLSyntaxException(query, start, $"error parsing number: strconv.ParseFloat: parsing {StringLiteral.Quote(text)}: value out of range");
        }

        return new(TokenKind.Number, start, text, value);
    }

    private bool ExponentFollows()
    {
        var at = _at + 1;
        if (at < query.Length && query[at] is '+' or '-')
        {
            at++;
        }

        return at < query.Length && char.IsAsciiDigit(query[at]);
    }

    private void SkipDigits()
    {
        while (_at < query.Length && char.IsAsciiDigit(query[_at]))
        {
            _at++;
        }
    }

    // As Go's ParseInt with base 0 then ParseFloat, which Prometheus uses: 0x.. is hex, 0[0-7]+ is octal.
    private static bool TryParseNumber(string text, out double value)
    {
        if (text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X')
        {
            var ok = ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex);
            value = hex;
            return ok;
        }

        if (text.Length > 1 && text[0] == '0' && text.All(d => d is >= '0' and <= '7'))
        {
            value = 0;
            foreach (var digit in text)
            {
                value = (value * 8) + (digit - '0');
            }

            return true;
        }

        return double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }

    private Token QuotedString(int start)
    {
        var quote = query[_at++];
        var value = new StringBuilder();
        while (true)
        {
            if (_at >= query.Length || (quote != '`' && query[_at] == '\n'))
            {
                throw new PromQLSyntaxException(query, start, "unterminated quoted string");
            }

            var c = query[_at++];
            if (c == quote)
            {
                return new(TokenKind.String, start, query[start.._at], Value: value.ToString());
            }

            if (c != '\\' || quote == '`')
            {
                value.Append(c);
                continue;
            }

            Escape(quote, value);
        }
    }

    private void Escape(char quote, StringBuilder value)
    {
        var at = _at - 1;
        if (_at >= query.Length)
        {
            throw new PromQLSyntaxException(query, at, "escape sequence not terminated");
        }

        var c = query[_at++];
        switch (c)
        {
            case 'a': value.Append('\a'); return;
            case 'b': value.Append('\b'); return;
            case 'f': value.Append('\f'); return;
            case 'n': value.Append('\n'); return;
            case 'r': value.Append('\r'); return;
            case 't': value.Append('\t'); return;
            case 'v': value.Append('\v'); return;
            case '\\': value.Append('\\'); return;
            case 'x': value.Append((char)Code(at, 2, 16)); return;
            case 'u': AppendCodePoint(at, Code(at, 4, 16), value); return;
            case 'U': AppendCodePoint(at, Code(at, 8, 16), value); return;
            case >= '0' and <= '7':
                _at--;
                var octal = Code(at, 3, 8);
                if (octal > 255)
                {
                    throw new PromQLSyntaxException(query, at, "octal escape value > 255");
                }

                value.Append((char)octal);
                return;
            default:
                if (c == quote)
                {
                    value.Append(c);
                    return;
                }

                throw new PromQLSyntaxException(query, at, $"unknown escape sequence '\\{c}'");
        }
    }

    private int Code(int at, int digits, int radix)
    {
        var code = 0;
        for (var i = 0; i < digits; i++)
        {
            var digit = _at < query.Length ? HexValue(query[_at]) : -1;
            if (digit < 0 || digit >= radix)
            {
                throw new PromQLSyntaxException(query, at, $"escape sequence needs {digits} {(radix == 8 ? "octal" : "hex")} digits");
            }

            code = (code * radix) + digit;
            _at++;
        }

        return code;
    }

    private void AppendCodePoint(int at, int code, StringBuilder value)
    {
        if (code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF || code < 0)
        {
            throw new PromQLSyntaxException(query, at, "escape sequence is an invalid Unicode code point");
        }

        value.Append(char.ConvertFromUtf32(code));
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
