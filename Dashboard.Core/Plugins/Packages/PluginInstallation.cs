namespace Dashboard.Core.Plugins.Packages;

/// <summary>A plugin zip installed into the plugins folder.</summary>
/// <param name="Name">The plugin folder's name.</param>
/// <param name="Files">How many files it holds.</param>
/// <param name="Bytes">How many bytes they hold.</param>
/// <param name="Replaced">Whether it replaced a folder of the same name.</param>
public sealed record PluginInstallation(string Name, int Files, long Bytes, bool Replaced);
