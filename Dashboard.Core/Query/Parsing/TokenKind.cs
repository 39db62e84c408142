namespace Dashboard.Core.Query.Parsing;

/// <summary>The kinds of PromQL tokens. Keywords are identifiers; the parser reads them by context.</summary>
internal enum TokenKind
{
    EndOfInput,
    Identifier,
    Number,
    Duration,
    String,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    At,
    Assign,
    EqualEqual,
    NotEqual,
    RegexMatch,
    NotRegexMatch,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Caret,

    /// <summary>A character no token starts with; the parser reports it where it meets it, with its context.</summary>
    Invalid,
}
