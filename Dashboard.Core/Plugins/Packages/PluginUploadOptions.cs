using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Plugins.Packages;

/// <summary>Limits on plugin zips uploaded through the API (<c>Dashboard:Plugins:Upload</c>).</summary>
public sealed class PluginUploadOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Plugins:Upload";

    /// <summary>The most bytes an uploaded zip may have as sent; above it the answer is 413.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The most bytes the zip's files may take once unpacked, counted while unpacking (a zip bomb stops here).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxUnpackedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The most entries (files and folders) the zip may hold.</summary>
    [Range(1, 1_000_000)]
    public int MaxEntries { get; set; } = 10_000;
}
