using Dashboard.Core.Instances;
using Dashboard.Core.Plugins;
using MudBlazor;

namespace Dashboard.UI.Model;

/// <summary>The theme colour of each instance and plugin state, so a state looks the same on every page.</summary>
public static class StateColors
{
    /// <summary>The colour of an instance state or a plugin state.</summary>
    /// <param name="state">An <see cref="InstanceState"/> or a <see cref="PluginState"/>.</param>
    /// <returns>Green for working, red for failing, amber for a config to fix, blue for in progress, grey for off.</returns>
    public static Color Of(Enum state) => state switch
    {
        InstanceState.Running or PluginState.Loaded => Color.Success,
        InstanceState.Failing or PluginState.Failed => Color.Error,
        InstanceState.Invalid => Color.Warning,
        InstanceState.Waiting or PluginState.Discovered => Color.Info,
        _ => Color.Default,
    };
}
