using Dashboard.Core.Configuration.Secrets;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Dashboard.Core.Configuration;

/// <summary>
/// A plugin's config schema, parsed once at load. Reading it checks that it is JSON and a usable JSON Schema, so a
/// broken schema fails the plugin's load with the reason rather than every instance's validation later.
/// </summary>
public sealed class MonitorSchema
{
    private MonitorSchema(string text, JsonSchema schema)
    {
        Text = text;
        Schema = schema;
        Secrets = SecretFields.FromSchema(text);
    }

    /// <summary>The schema as the plugin declared it.</summary>
    public string Text { get; }

    /// <summary>The config values this schema marks secret (<c>writeOnly</c>, <c>format: password</c>) or that are secret by name.</summary>
    public SecretFields Secrets { get; }

    internal JsonSchema Schema { get; }

    /// <summary>Parses and checks a schema.</summary>
    /// <param name="text">The schema's JSON text.</param>
    /// <param name="cancellationToken">Cancels the parse.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="InvalidOperationException">The text is not a usable JSON Schema; the message says why.</exception>
    public static async Task<MonitorSchema> ParseAsync(string text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException("its config schema is empty");
        }

        JsonSchema schema;
        try
        {
            schema = await JsonSchema.FromJsonAsync(text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException($"its config schema is not valid JSON Schema: {ex.Message}", ex);
        }

        if (MetaSchema.Validate(text) is { Count: > 0 } errors)
        {
            throw new InvalidOperationException(
                "its config schema is not valid JSON Schema: " +
                string.Join("; ", ValidationErrors.Flatten(errors, "schema")));
        }

        if (schema.Type != JsonObjectType.None && !schema.Type.HasFlag(JsonObjectType.Object))
        {
            throw new InvalidOperationException("its config schema must describe an object (\"type\": \"object\")");
        }

        return new MonitorSchema(text, schema);
    }

    internal ICollection<NJsonSchema.Validation.ValidationError> Validate(string json) => Schema.Validate(json);
}
