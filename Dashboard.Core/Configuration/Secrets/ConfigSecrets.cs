using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Dashboard.Core.Configuration.Secrets;

/// <summary>
/// The secret fields of each plugin's config, looked up by plugin name: what the API, the UI and the audit log mask
/// with. A plugin that is not loaded right now (being replaced, or failed) keeps the secret fields of its last loaded
/// schema; one never seen is masked by the name rule alone.
/// </summary>
public sealed class ConfigSecrets
{
    private readonly Func<string, MonitorSchema?> _schemaOf;
    private readonly ConcurrentDictionary<string, SecretFields> _lastKnown = new(StringComparer.Ordinal);

    /// <summary>Creates the lookup.</summary>
    /// <param name="schemaOf">The schema of a loaded plugin by name, or <see langword="null"/> when it is not loaded.</param>
    public ConfigSecrets(Func<string, MonitorSchema?> schemaOf)
    {
        ArgumentNullException.ThrowIfNull(schemaOf);
        _schemaOf = schemaOf;
    }

    /// <summary>The secret fields of a plugin's config.</summary>
    /// <param name="plugin">The plugin name, as in <c>plugins.json</c>.</param>
    /// <returns>The secret fields.</returns>
    public SecretFields For(string plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (_schemaOf(plugin) is { } schema)
        {
            _lastKnown[plugin] = schema.Secrets;
            return schema.Secrets;
        }

        return _lastKnown.GetValueOrDefault(plugin) ?? SecretFields.NameRuleOnly;
    }

    /// <summary>A copy of a config with its secrets masked, for showing it.</summary>
    /// <param name="plugin">The plugin the config is for.</param>
    /// <param name="config">The config.</param>
    /// <returns>The masked copy.</returns>
    public JsonObject Mask(string plugin, JsonObject config) => For(plugin).Mask(config);

    /// <summary>An edited config with the secrets it sent back masked restored from the config in force.</summary>
    /// <param name="plugin">The plugin the edited config is for.</param>
    /// <param name="edited">The config as the edit sent it.</param>
    /// <param name="previous">The instance's config before the edit, or <see langword="null"/> for a new instance.</param>
    /// <returns>The config to save, or the paths of masks that stand for nothing.</returns>
    /// <exception cref="ArgumentException"><paramref name="previous"/> is itself masked: pass the config as written (<see cref="ConfigStore.Current"/>), not a status.</exception>
    public RestoredConfig Restore(string plugin, JsonObject edited, JsonObject? previous) => For(plugin).Restore(edited, previous);
}
