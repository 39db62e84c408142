using System.Text.Json.Nodes;
using Newtonsoft.Json;
using NJsonSchema;

namespace Dashboard.Core.Configuration;

/// <summary>
/// Fills in the <c>default</c> of every property a config leaves out, in nested objects and in the objects of
/// arrays too. NJsonSchema validates but never applies defaults.
/// </summary>
internal static class SchemaDefaults
{
    public static void Apply(JsonObject target, JsonSchema schema)
    {
        var actual = schema.ActualSchema;
        foreach (var (name, property) in actual.ActualProperties)
        {
            if (!target.ContainsKey(name) && property.Default is { } fallback)
            {
                target[name] = JsonNode.Parse(JsonConvert.SerializeObject(fallback));
            }

            var propertySchema = property.ActualSchema;
            switch (target[name])
            {
                case JsonObject nested:
                    Apply(nested, propertySchema);
                    break;
                case JsonArray array when propertySchema.Item is { } itemSchema:
                    foreach (var item in array.OfType<JsonObject>())
                    {
                        Apply(item, itemSchema);
                    }

                    break;
            }
        }
    }
}
