namespace Dashboard.Core.Query.Parsing;

/// <summary>One token: its kind, where it starts, its source text and, for literals, its value.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, string Text, double Number = 0, TimeSpan Duration = default, string? Value = null)
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
    };

    private static readonly HashSet<string> KeywordOperators = new(StringComparer.OrdinalIgnoreCase) { "and", "or", "unless", "atan2" };

    /// <summary>Whether this is the identifier <paramref name="word"/>, ignoring case as PromQL keywords do.</summary>
    public bool IsWord(string word) => Kind == TokenKind.Identifier && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this identifier is a keyword that cannot name a metric.</summary>
    public bool IsReserved => Kind == TokenKind.Identifier
        && (Keywords.Contains(Text) || KeywordOperators.Contains(Text) || AggregationOperators.TryGet(Text, out _));

    /// <summary>The token as Prometheus's messages describe it: <c>"}"</c>, <c>identifier "foo"</c>, <c>&lt;op:+&gt;</c>, <c>end of input</c>.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfInput => "end of input",
        TokenKind.Identifier when KeywordOperators.Contains(Text) => $"<op:{Text.ToLowerInvariant()}>",
        TokenKind.Identifier when AggregationOperators.TryGet(Text, out _) => $"<aggr:{Text.ToLowerInvariant()}>",
        TokenKind.Identifier when Keywords.Contains(Text) => $"<{Text.ToLowerInvariant()}>",
        TokenKind.Identifier => (Text.Contains(':', StringComparison.Ordinal) ? "metric identifier " : "identifier ") + StringLiteral.Quote(Text),
        TokenKind.Number => "number " + StringLiteral.Quote(Text),
        TokenKind.Duration => "duration " + StringLiteral.Quote(Text),
        TokenKind.String => "string " + StringLiteral.Quote(Text),
        TokenKind.Invalid => $"character '{Text}'",
        TokenKind.LeftParen or TokenKind.RightParen or TokenKind.LeftBrace or TokenKind.RightBrace or TokenKind.LeftBracket
            or TokenKind.RightBracket or TokenKind.Comma or TokenKind.Colon => StringLiteral.Quote(Text),
        _ => $"<op:{Text}>",
    };
}
