namespace Dashboard.Core.Plugins.Packages;

/// <summary>What an unpacked plugin zip held.</summary>
/// <param name="TopFolder">The one folder every entry was in (and which was stripped), or <see langword="null"/> when the files were at the zip's root.</param>
/// <param name="Files">How many files were written.</param>
/// <param name="Bytes">How many bytes they hold.</param>
public sealed record PluginPackageContents(string? TopFolder, int Files, long Bytes);
