using NJsonSchema;

namespace Dashboard.Core.Configuration;

/// <summary>
/// Checks the shape of a plugin's schema. NJsonSchema reads <c>{"type": 42}</c> or <c>{"type": "strin"}</c> without
/// complaint and then validates nothing, so a schema is checked against <c>config-meta-schema.json</c> first.
/// </summary>
internal static class MetaSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    public static ICollection<NJsonSchema.Validation.ValidationError> Validate(string schemaText) =>
        Schema.Value.Validate(schemaText);

    private static JsonSchema Load()
    {
        using var stream = typeof(MetaSchema).Assembly.GetManifestResourceStream("Dashboard.Core.Configuration.config-meta-schema.json")
            ?? throw new InvalidOperationException("The embedded config meta-schema is missing from Dashboard.Core.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }
}
