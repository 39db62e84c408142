using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Core.Collection;

namespace Dashboard.Core.Configuration;

/// <summary>
/// Reads <c>plugins.json</c>: the file must be JSON with an <c>instances</c> array; each entry is checked for shape
/// (types, unknown keys, id syntax, duplicates) and reported with its path, so one bad entry never hides the others.
/// </summary>
public static partial class PluginsFileParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly HashSet<string> InstanceKeys = ["id", "plugin", "enabled", "labels", "config"];

    /// <summary>Parses the file's text.</summary>
    /// <param name="text">The file's content.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ConfigFormatException">The text is not JSON, or has no <c>instances</c> array.</exception>
    public static PluginsDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            var reason = ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
            throw new ConfigFormatException(
                $"plugins.json is not valid JSON at line {ex.LineNumber + 1}, column {ex.BytePositionInLine + 1}: {reason}", ex);
        }

        if (root is not JsonObject rootObject)
        {
            throw new ConfigFormatException("plugins.json must be a JSON object with an \"instances\" array.");
        }

        if (!rootObject.TryGetPropertyValue("instances", out var instancesNode) || instancesNode is not JsonArray instances)
        {
            throw new ConfigFormatException("plugins.json: \"instances\" is missing or is not an array.");
        }

        var errors = new List<ValidationError>();
        foreach (var key in rootObject.Select(p => p.Key).Where(k => k != "instances"))
        {
            errors.Add(new ValidationError(key, "unknown key; plugins.json holds only \"instances\""));
        }

        var definitions = new List<InstanceDefinition>();
        var firstPathById = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < instances.Count; i++)
        {
            var path = $"instances[{i}]";
            if (instances[i] is not JsonObject entry)
            {
                errors.Add(new ValidationError(path, "must be an object"));
                continue;
            }

            var definition = ParseInstance(entry, path, errors);
            if (definition is null)
            {
                continue;
            }

            if (firstPathById.TryGetValue(definition.Id, out var first))
            {
                errors.Add(new ValidationError($"{path}.id", $"duplicate id '{definition.Id}': already used by {first}; this entry is ignored"));
                continue;
            }

            firstPathById.Add(definition.Id, path);
            definitions.Add(definition);
        }

        return new PluginsDocument(definitions, errors, Hash(text));
    }

    /// <summary>A short, stable hash of a text, used as a version (<c>ETag</c>).</summary>
    /// <param name="text">The text.</param>
    /// <returns>16 hex digits.</returns>
    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));

    private static InstanceDefinition? ParseInstance(JsonObject entry, string path, List<ValidationError> fileErrors)
    {
        var errors = new List<ValidationError>();
        if (entry["id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id) || !IdPattern().IsMatch(id))
        {
            fileErrors.Add(new ValidationError($"{path}.id",
                "required: a string of letters, digits, '.', '_' or '-' (at most 128), unique in the file; this entry is ignored"));
            return null;
        }

        var plugin = "";
        if (entry["plugin"] is JsonValue pluginValue && pluginValue.TryGetValue<string>(out var pluginName) && pluginName.Length > 0)
        {
            plugin = pluginName;
        }
        else
        {
            errors.Add(new ValidationError($"{path}.plugin", "required: the name of a plugin, as a non-empty string"));
        }

        var enabled = true;
        if (entry.TryGetPropertyValue("enabled", out var enabledNode))
        {
            if (enabledNode is JsonValue enabledValue && enabledValue.TryGetValue<bool>(out var flag))
            {
                enabled = flag;
            }
            else
            {
                errors.Add(new ValidationError($"{path}.enabled", "must be true or false"));
            }
        }

        var labels = ParseLabels(entry, path, errors);
        var config = new JsonObject();
        if (entry.TryGetPropertyValue("config", out var configNode))
        {
            if (configNode is JsonObject configObject)
            {
                config = (JsonObject)configObject.DeepClone();
            }
            else
            {
                errors.Add(new ValidationError($"{path}.config", "must be an object"));
            }
        }

        foreach (var key in entry.Select(p => p.Key).Where(k => !InstanceKeys.Contains(k)))
        {
            errors.Add(new ValidationError($"{path}.{key}", "unknown key; an instance has id, plugin, enabled, labels and config"));
        }

        return new InstanceDefinition(id, plugin, enabled, labels, config, path, errors, Hash(entry.ToJsonString()));
    }

    private static Dictionary<string, string> ParseLabels(JsonObject entry, string path, List<ValidationError> errors)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!entry.TryGetPropertyValue("labels", out var labelsNode))
        {
            return labels;
        }

        if (labelsNode is not JsonObject labelsObject)
        {
            errors.Add(new ValidationError($"{path}.labels", "must be an object of label names to string values"));
            return labels;
        }

        foreach (var (name, value) in labelsObject)
        {
            if (!MetricNames.IsValidLabelName(name) || name.StartsWith("__", StringComparison.Ordinal))
            {
                errors.Add(new ValidationError($"{path}.labels.{name}", "invalid label name: it must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __"));
            }
            else if (value is JsonValue v && v.TryGetValue<string>(out var text))
            {
                labels[name] = text;
            }
            else
            {
                errors.Add(new ValidationError($"{path}.labels.{name}", "must be a string"));
            }
        }

        return labels;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial System.Text.RegularExpressions.Regex IdPattern();
}
