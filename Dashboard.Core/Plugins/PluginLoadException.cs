namespace Dashboard.Core.Plugins;

/// <summary>A plugin folder cannot be loaded; the message says why, in words a plugin team can act on.</summary>
public sealed class PluginLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginLoadException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the plugin cannot load.</param>
    public PluginLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the plugin cannot load.</param>
    /// <param name="innerException">The cause.</param>
    public PluginLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
