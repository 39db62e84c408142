namespace Dashboard.Core.Query.Parsing;

/// <summary>
/// A query that does not parse or type-check. The message reads as Prometheus's:
/// <c>1:9: parse error: unexpected "}" in label matching, expected string</c>.
/// </summary>
public sealed class PromQLSyntaxException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public PromQLSyntaxException()
    {
        Reason = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public PromQLSyntaxException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PromQLSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Creates the exception for a place in a query.</summary>
    /// <param name="query">The whole query.</param>
    /// <param name="position">The 0-based character offset of the error.</param>
    /// <param name="reason">What is wrong and what was expected.</param>
    /// <param name="innerException">The cause, if any.</param>
    public PromQLSyntaxException(string query, int position, string reason, Exception? innerException = null)
        : base(Describe(query, position, reason, out var line, out var column), innerException)
    {
        Position = position;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The 0-based character offset of the error in the query.</summary>
    public int Position { get; }

    /// <summary>The 1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error within its line.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    private static string Describe(string query, int position, string reason, out int line, out int column)
    {
        line = 1;
        var lastBreak = -1;
        for (var i = 0; i < Math.Min(position, query.Length); i++)
        {
            if (query[i] == '\n')
            {
                line++;
                lastBreak = i;
            }
        }

        column = position - lastBreak;
        return $"{line}:{column}: parse error: {reason}";
    }
}
