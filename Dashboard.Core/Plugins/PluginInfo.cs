namespace Dashboard.Core.Plugins;

/// <summary>What operators see of one plugin (one monitor of a loaded folder, or a folder that failed).</summary>
/// <param name="Name">The monitor's name, or the folder's name when it failed before one was known.</param>
/// <param name="Version">The plugin assembly's version, when known.</param>
/// <param name="Path">The plugin's main assembly (or folder).</param>
/// <param name="State">Loaded, failed, unloaded.</param>
/// <param name="Error">Why it failed or was unloaded.</param>
/// <param name="ConfigSchema">The config schema's JSON text, when loaded.</param>
/// <param name="ChangedAt">When it reached this state.</param>
public sealed record PluginInfo(
    string Name,
    string? Version,
    string Path,
    PluginState State,
    string? Error,
    string? ConfigSchema,
    DateTimeOffset ChangedAt);
