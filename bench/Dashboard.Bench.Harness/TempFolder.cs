namespace Dashboard.Bench.Harness;

/// <summary>A scratch folder under the system temp path, deleted with its content on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover scratch folder is harmless; failing a finished benchmark over it is not.
        }
    }
}
