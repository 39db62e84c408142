namespace Dashboard.Core.Plugins.Packages;

/// <summary>An installed zip and what its folder's plugins are right after.</summary>
/// <param name="Installation">What was installed.</param>
/// <param name="Plugins">The folder's plugins (loaded or failed), or empty while the catalog is still loading it.</param>
public sealed record PluginInstallOutcome(PluginInstallation Installation, IReadOnlyList<PluginInfo> Plugins);
