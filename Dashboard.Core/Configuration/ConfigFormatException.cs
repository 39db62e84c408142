namespace Dashboard.Core.Configuration;

/// <summary><c>plugins.json</c> is not usable as a whole (not JSON, or not the expected shape).</summary>
public sealed class ConfigFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, and where.</param>
    public ConfigFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, and where.</param>
    /// <param name="innerException">The parser's error.</param>
    public ConfigFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
