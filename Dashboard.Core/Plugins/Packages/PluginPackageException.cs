namespace Dashboard.Core.Plugins.Packages;

/// <summary>An uploaded plugin zip was refused; the message names the entry at fault and why.</summary>
public class PluginPackageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginPackageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the zip was refused.</param>
    public PluginPackageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the zip was refused.</param>
    /// <param name="innerException">The cause.</param>
    public PluginPackageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one entry.</summary>
    /// <param name="entry">The entry's name as written in the zip.</param>
    /// <param name="reason">Why it was refused.</param>
    public PluginPackageException(string entry, string reason)
        : base($"zip entry '{entry}': {reason}")
    {
        Entry = entry;
    }

    /// <summary>The entry at fault, as written in the zip, or <see langword="null"/> when the zip as a whole is.</summary>
    public string? Entry { get; }
}
