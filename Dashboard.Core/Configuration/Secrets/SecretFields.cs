using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Core.Configuration.Secrets;

/// <summary>
/// Which values of a plugin's config are secret, and the masking that keeps them out of every answer, page and audit
/// line. A value is secret when its schema says <c>"writeOnly": true</c> (the standard keyword) or
/// <c>"format": "password"</c>, or when its property name follows <see cref="SecretNames"/>; this holds in nested
/// objects and in the items of arrays, and a secret object or array is masked whole.
/// </summary>
public sealed class SecretFields
{
    /// <summary>What a secret value reads as once masked. An edit that sends it back unchanged keeps the secret (<see cref="Restore"/>).</summary>
    public const string MaskText = "********";

    private readonly JsonNode? _schema;

    private SecretFields(JsonNode? schema) => _schema = schema;

    /// <summary>The rule for a config whose schema is not known (its plugin is not loaded): property names only.</summary>
    public static SecretFields NameRuleOnly { get; } = new(null);

    /// <summary>Reads the secret fields of a schema.</summary>
    /// <param name="schemaText">The plugin's JSON Schema.</param>
    /// <returns>The secret fields.</returns>
    /// <exception cref="ArgumentException">The text is not JSON.</exception>
    public static SecretFields FromSchema(string schemaText)
    {
        ArgumentNullException.ThrowIfNull(schemaText);
        try
        {
            return new SecretFields(JsonNode.Parse(schemaText));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The schema is not JSON: {ex.Message}", nameof(schemaText), ex);
        }
    }

    /// <summary>The paths of the secret values a config holds (null ones included), e.g. <c>basic_auth.password</c>, <c>targets[1].token</c>.</summary>
    /// <param name="config">The config.</param>
    /// <returns>The paths, in document order.</returns>
    public IReadOnlyList<string> PathsIn(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [.. Find(config).Select(s => s.Path)];
    }

    /// <summary>A copy of the config with every secret value replaced by <see cref="MaskText"/>; a null secret stays null.</summary>
    /// <param name="config">The config, left as it is.</param>
    /// <returns>The masked copy.</returns>
    public JsonObject Mask(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var copy = (JsonObject)config.DeepClone();
        foreach (var secret in Find(copy))
        {
            if (secret.Value is not null)
            {
                secret.Replace(JsonValue.Create(MaskText));
            }
        }

        return copy;
    }

    /// <summary>
    /// A copy of an edited config in which every secret that the edit sent back as <see cref="MaskText"/> has its
    /// previous value again, so that a masked config can be shown, edited and saved without wiping a password.
    /// Positions are matched by path: the password of <c>targets[1]</c> comes from the previous <c>targets[1]</c>.
    /// </summary>
    /// <param name="edited">The config as the edit sent it, left as it is.</param>
    /// <param name="previous">The config in force before the edit, or <see langword="null"/> for a new instance.</param>
    /// <returns>The config to save, and an error for each mask that has no previous secret to stand for.</returns>
    /// <exception cref="ArgumentException"><paramref name="previous"/> is itself masked (a status or an API answer, not the config as written).</exception>
    public RestoredConfig Restore(JsonObject edited, JsonObject? previous)
    {
        ArgumentNullException.ThrowIfNull(edited);
        var old = previous is null
            ? new Dictionary<string, JsonNode?>()
            : Find(previous).ToDictionary(s => s.Path, s => s.Value, StringComparer.Ordinal);
        var copy = (JsonObject)edited.DeepClone();
        var errors = new List<ValidationError>();
        foreach (var secret in Find(copy))
        {
            if (!IsMask(secret.Value))
            {
                continue;
            }

            old.TryGetValue(secret.Path, out var kept);
            if (kept is null)
            {
                errors.Add(new ValidationError(secret.Path,
                    $"is the mask {MaskText} but there is no previous secret here to keep; send the secret itself"));
            }
            else if (IsMask(kept))
            {
                // A masked previous config (a status, an API answer) would save the mask as the secret.
                throw new ArgumentException(
                    $"The previous config is masked at {secret.Path}; restore from the config as written (ConfigStore.Current).", nameof(previous));
            }
            else
            {
                secret.Replace(kept.DeepClone());
            }
        }

        return new RestoredConfig(copy, errors);
    }

    private static bool IsMask(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text == MaskText;

    private List<SecretValue> Find(JsonObject config)
    {
        var found = new List<SecretValue>();
        Visit(config, SchemaPosition.Root(_schema), "", found);
        return found;
    }

    private static void Visit(JsonNode node, SchemaPosition schema, string path, List<SecretValue> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    var childSchema = schema.Property(name);
                    if (SecretNames.IsSecret(name) || childSchema.IsSecret)
                    {
                        found.Add(new SecretValue(childPath, obj, name, -1, child));
                    }
                    else if (child is not null)
                    {
                        Visit(child, childSchema, childPath, found);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var childPath = $"{path}[{i}]";
                    var childSchema = schema.Item(i);
                    if (childSchema.IsSecret)
                    {
                        found.Add(new SecretValue(childPath, array, null, i, array[i]));
                    }
                    else if (array[i] is { } child)
                    {
                        Visit(child, childSchema, childPath, found);
                    }
                }

                break;
        }
    }

    // Where a secret sits, so that it can be replaced in place once the walk is over.
    private sealed record SecretValue(string Path, JsonNode Parent, string? Name, int Index, JsonNode? Value)
    {
        public void Replace(JsonNode replacement)
        {
            if (Parent is JsonObject obj)
            {
                obj[Name!] = replacement;
            }
            else
            {
                ((JsonArray)Parent)[Index] = replacement;
            }
        }
    }
}
