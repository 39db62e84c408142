namespace Dashboard.Core.Plugins.Packages;

/// <summary>An uploaded plugin zip is larger than <see cref="PluginUploadOptions.MaxBytes"/> (answered with 413).</summary>
public sealed class PluginUploadTooLargeException : PluginPackageException
{
    /// <summary>Creates the exception.</summary>
    public PluginUploadTooLargeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The limit that was passed.</param>
    public PluginUploadTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The limit that was passed.</param>
    /// <param name="innerException">The cause.</param>
    public PluginUploadTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
