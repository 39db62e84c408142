namespace Dashboard.Core.Plugins;

/// <summary>Where a plugin folder stands.</summary>
public enum PluginState
{
    /// <summary>Found on disk and being loaded.</summary>
    Discovered,

    /// <summary>Loaded; its monitors can run.</summary>
    Loaded,

    /// <summary>Could not be loaded; the error says why.</summary>
    Failed,

    /// <summary>Its load context was unloaded: the folder was removed, replaced by a newer copy, or the host stopped.</summary>
    Unloaded,
}
