using Dashboard.Core.Plugins;

namespace Dashboard.Core.Configuration;

/// <summary>
/// Checks a config edit before it is written, with the checks the file watcher and the supervisor apply: the entry's
/// shape, then <see cref="ConfigValidator"/> with the plugin's schema. An instance of a plugin that is not loaded is
/// checked against the common keys only (it waits for its plugin, as one written in the file would).
/// </summary>
public static class ConfigChangeCheck
{
    private static readonly Lazy<MonitorSchema> AnyConfig =
        new(() => MonitorSchema.ParseAsync("""{ "type": "object" }""").GetAwaiter().GetResult());

    /// <summary>The errors of one instance.</summary>
    /// <param name="definition">The instance as parsed from the new text.</param>
    /// <param name="catalog">The loaded plugins, for their schemas.</param>
    /// <returns>The errors, with their paths in the file; empty when it may be written.</returns>
    public static IReadOnlyList<ValidationError> Instance(InstanceDefinition definition, PluginCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(catalog);
        if (definition.Errors.Count > 0)
        {
            return definition.Errors;
        }

        var schema = catalog.Find(definition.Plugin)?.Schema ?? AnyConfig.Value;
        return ConfigValidator.Validate(definition.Config, schema, definition.Path + ".config").Errors;
    }

    /// <summary>The errors of a whole file: those outside any instance, then each instance's.</summary>
    /// <param name="document">The new document.</param>
    /// <param name="catalog">The loaded plugins, for their schemas.</param>
    /// <returns>The errors; empty when it may be written.</returns>
    public static IReadOnlyList<ValidationError> Document(PluginsDocument document, PluginCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(document);
        return [.. document.Errors, .. document.Instances.SelectMany(i => Instance(i, catalog))];
    }
}
