using System.Text.Json.Nodes;
using Dashboard.Core.Configuration;

namespace Dashboard.UI.Model.SchemaForm;

/// <summary>
/// The form of one <c>plugins.json</c> entry: <c>enabled</c> and <c>labels</c>, and a <c>config</c> made of the keys
/// every instance has (<see cref="ConfigValidator.CommonSchemaText"/>) followed by the plugin's own.
/// </summary>
public static class InstanceFormSchema
{
    private static readonly string[] DefinitionKeys = ["definitions", "$defs"];

    private static readonly JsonObject Labels = new()
    {
        ["type"] = "object",
        ["description"] = "Added to every sample of this instance.",
        ["patternProperties"] = new JsonObject { ["^[a-zA-Z_][a-zA-Z0-9_]*$"] = new JsonObject { ["type"] = "string" } },
    };

    /// <summary>Builds the form of an instance of a plugin.</summary>
    /// <param name="pluginSchema">The plugin's config schema, or <see langword="null"/> when the plugin is not loaded (only the common keys are offered).</param>
    /// <returns>The entry's root field.</returns>
    public static FieldSchema Build(string? pluginSchema)
    {
        var common = (JsonObject)JsonNode.Parse(ConfigValidator.CommonSchemaText)!;
        var config = pluginSchema is null ? new JsonObject() : JsonNode.Parse(pluginSchema) as JsonObject ?? [];
        var properties = (JsonObject)common["properties"]!.DeepClone();
        foreach (var (name, property) in config["properties"] as JsonObject ?? [])
        {
            properties[name] = property?.DeepClone();
        }

        var required = new JsonArray([.. ((JsonArray)common["required"]!).Concat(config["required"] as JsonArray ?? [])
            .Select(r => r!.GetValue<string>()).Distinct().Select(r => (JsonNode)r)]);

        var merged = (JsonObject)config.DeepClone();
        merged["type"] = "object";
        merged["properties"] = properties;
        merged["required"] = required;
        var entry = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["enabled"] = new JsonObject { ["type"] = "boolean", ["default"] = true, ["description"] = "Off keeps the entry but stops its collects." },
                ["labels"] = Labels.DeepClone(),
                ["config"] = merged,
            },
        };

        // The plugin's definitions are copied to the root, where its local $refs (#/definitions/x) look for them.
        foreach (var key in DefinitionKeys.Where(config.ContainsKey))
        {
            entry[key] = config[key]!.DeepClone();
        }

        return FieldSchema.From(entry);
    }
}
