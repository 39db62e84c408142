using McMaster.NETCore.Plugins;

namespace Dashboard.Core.Plugins;

/// <summary>The catalog's record of one folder under the plugins path.</summary>
internal sealed class PluginFolder(string path)
{
    public string Path { get; } = path;

    public string Name { get; } = System.IO.Path.GetFileName(path);

    public string Fingerprint { get; set; } = "";

    public PluginState State { get; set; } = PluginState.Discovered;

    public string? Error { get; set; }

    public string? AssemblyPath { get; set; }

    public string? Version { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public PluginLoader? Loader { get; set; }

    public IReadOnlyList<MonitorType> Monitors { get; set; } = [];

    /// <summary>The names its monitors had when last loaded, so an unloaded plugin is still listed by name.</summary>
    public IReadOnlyList<string> KnownNames { get; set; } = [];

    public void Unload(PluginState state, string? error, DateTimeOffset at)
    {
        if (Monitors.Count > 0)
        {
            KnownNames = [.. Monitors.Select(m => m.Name)];
        }

        Monitors = [];
        Loader?.Dispose();
        Loader = null;
        State = state;
        Error = error;
        ChangedAt = at;
    }

    public IEnumerable<PluginInfo> Describe()
    {
        if (State == PluginState.Loaded)
        {
            return Monitors.Select(m => new PluginInfo(m.Name, Version, m.AssemblyPath, State, null, m.Schema.Text, ChangedAt));
        }

        var names = KnownNames.Count > 0 ? KnownNames : [Name];
        return names.Select(name => new PluginInfo(name, Version, AssemblyPath ?? Path, State, Error, null, ChangedAt));
    }
}
