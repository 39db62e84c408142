using System.Text.Json.Nodes;
using NJsonSchema;

namespace Dashboard.Core.Configuration;

/// <summary>
/// Validates an instance's config: the common keys every instance has (<c>interval_ms</c> required and at least
/// 100, <c>timeout_ms</c> defaulting to 5000) against the host's schema, the rest against the plugin's schema, with
/// defaults applied first. The same validator serves the file watcher, the API and the UI.
/// </summary>
public static class ConfigValidator
{
    /// <summary>The common config keys, owned by the host.</summary>
    public const string CommonSchemaText = """
        {
          "type": "object",
          "required": ["interval_ms"],
          "properties": {
            "interval_ms": { "type": "integer", "minimum": 100, "maximum": 86400000, "description": "Time between collects, in milliseconds." },
            "timeout_ms": { "type": "integer", "minimum": 1, "maximum": 3600000, "default": 5000, "description": "A collect is cancelled after this many milliseconds." }
          }
        }
        """;

    private static readonly Lazy<JsonSchema> CommonSchema =
        new(() => JsonSchema.FromJsonAsync(CommonSchemaText).GetAwaiter().GetResult());

    /// <summary>Validates a config against the common keys and a plugin's schema.</summary>
    /// <param name="config">The config as written.</param>
    /// <param name="schema">The plugin's schema.</param>
    /// <param name="path">The config's path in the file, e.g. <c>instances[0].config</c>.</param>
    /// <returns>The errors and the effective config.</returns>
    public static ConfigValidation Validate(JsonObject config, MonitorSchema schema, string path)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(schema);

        var common = new JsonObject();
        var own = (JsonObject)config.DeepClone();
        foreach (var key in CommonSchema.Value.Properties.Keys)
        {
            if (own.Remove(key, out var value))
            {
                common[key] = value;
            }
        }

        SchemaDefaults.Apply(common, CommonSchema.Value);
        SchemaDefaults.Apply(own, schema.Schema);

        var errors = new List<ValidationError>();
        errors.AddRange(ValidationErrors.Flatten(CommonSchema.Value.Validate(common.ToJsonString()), path));
        errors.AddRange(ValidationErrors.Flatten(schema.Validate(own.ToJsonString()), path));

        var effective = new JsonObject();
        foreach (var (key, value) in common)
        {
            effective[key] = value?.DeepClone();
        }

        foreach (var (key, value) in own)
        {
            effective[key] = value?.DeepClone();
        }

        return new ConfigValidation(errors, effective, Milliseconds(common["interval_ms"]), Milliseconds(common["timeout_ms"]));
    }

    private static TimeSpan Milliseconds(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var ms) ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero;
}
