using System.Text.Json.Nodes;

namespace Dashboard.UI.Model.SchemaForm;

/// <summary>Starting values for what the admin adds: a new instance, a new array row.</summary>
public static class FormDefaults
{
    /// <summary>A new value for a field: its default, else an object with its properties' defaults, else empty.</summary>
    /// <param name="schema">The field.</param>
    /// <returns>The value, or <see langword="null"/> for a scalar without default.</returns>
    public static JsonNode? NewValue(FieldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Default is { } fallback)
        {
            return fallback.DeepClone();
        }

        return schema.Kind switch
        {
            FieldKind.Group => Fill(new JsonObject(), schema),
            FieldKind.List => new JsonArray(),
            FieldKind.Map => new JsonObject(),
            FieldKind.Text when schema.Enum.Count > 0 => schema.Enum[0]?.DeepClone(),
            FieldKind.Text => "",
            _ => null,
        };
    }

    /// <summary>Adds the default of every property left out, and a starting value for each required one.</summary>
    /// <param name="target">The object to fill.</param>
    /// <param name="schema">Its schema.</param>
    /// <returns><paramref name="target"/>.</returns>
    public static JsonObject Fill(JsonObject target, FieldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(schema);
        foreach (var (name, property) in schema.Properties)
        {
            if (!target.ContainsKey(name) && (property.Default is not null || schema.Required.Contains(name))
                && NewValue(property) is { } value)
            {
                target[name] = value;
            }
        }

        return target;
    }
}
