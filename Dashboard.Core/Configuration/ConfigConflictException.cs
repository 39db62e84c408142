namespace Dashboard.Core.Configuration;

/// <summary>A save was based on a version of <c>plugins.json</c> that someone else has changed since.</summary>
public sealed class ConfigConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigConflictException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which versions clashed.</param>
    public ConfigConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which versions clashed.</param>
    /// <param name="innerException">The cause.</param>
    public ConfigConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
