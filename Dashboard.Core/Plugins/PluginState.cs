namespace Dashboard.Core.Plugins;

/// <summary>Where a plugin folder stands.</summary>
public enum PluginState
{
    /// <summary>Found on disk, not yet loaded.</summary>
    Discovered,

    /// <summary>Loaded; its monitors can run.</summary>
    Loaded,

    /// <summary>Could not be loaded; the error says why.</summary>
    Failed,

    /// <summary>Its folder was removed and its load context unloaded.</summary>
    Unloaded,
}
