namespace Dashboard.Core.Plugins.Packages;

/// <summary>An uploaded zip, received into the staging folder; disposing deletes it.</summary>
public sealed class PluginUpload : IDisposable
{
    internal PluginUpload(string path, long bytes)
    {
        Path = path;
        Bytes = bytes;
    }

    /// <summary>The zip file.</summary>
    public string Path { get; }

    /// <summary>Its size.</summary>
    public long Bytes { get; }

    /// <inheritdoc />
    public void Dispose() => File.Delete(Path);
}
