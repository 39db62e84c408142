namespace Dashboard.Core.Query;

/// <summary>A series selector that does not parse; the message names the position and what was expected.</summary>
public sealed class SelectorSyntaxException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public SelectorSyntaxException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, and where.</param>
    public SelectorSyntaxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, and where.</param>
    /// <param name="innerException">The cause.</param>
    public SelectorSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
