using Dashboard.Abstractions;
using Dashboard.Core.Configuration;

namespace Dashboard.Core.Plugins;

/// <summary>A monitor class of a loaded plugin: its name, schema and a way to make instances of it.</summary>
public sealed class MonitorType
{
    private readonly Type _type;

    internal MonitorType(string name, string version, string assemblyPath, MonitorSchema schema, Type type)
    {
        Name = name;
        Version = version;
        AssemblyPath = assemblyPath;
        Schema = schema;
        _type = type;
    }

    /// <summary>The monitor's name, as <c>plugins.json</c> refers to it.</summary>
    public string Name { get; }

    /// <summary>The plugin assembly's version.</summary>
    public string Version { get; }

    /// <summary>The plugin's main assembly.</summary>
    public string AssemblyPath { get; }

    /// <summary>The config schema.</summary>
    public MonitorSchema Schema { get; }

    /// <summary>Constructs a new monitor object.</summary>
    /// <returns>The monitor.</returns>
    public IMonitor Create() => (IMonitor)Activator.CreateInstance(_type)!;
}
