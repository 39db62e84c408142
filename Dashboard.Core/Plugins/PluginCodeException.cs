namespace Dashboard.Core.Plugins;

/// <summary>Plugin code threw, or did not return in time; the message names which code and why.</summary>
public sealed class PluginCodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginCodeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    public PluginCodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The plugin's exception.</param>
    public PluginCodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
