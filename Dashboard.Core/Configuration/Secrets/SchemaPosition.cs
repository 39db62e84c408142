using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dashboard.Core.Configuration.Secrets;

/// <summary>
/// The subschemas of a plugin schema that apply at one position of a config, found by following local <c>$ref</c>s
/// and every branch of <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c> and <c>if</c>/<c>then</c>/<c>else</c>: a field is
/// secret when any branch that could describe it says so, because the branch a config matches is not known here.
/// </summary>
internal sealed class SchemaPosition
{
    // A $ref chain longer than this is a loop in the schema.
    private const int MaxRefHops = 32;

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private readonly JsonNode? _root;
    private readonly List<JsonObject> _schemas;

    private SchemaPosition(JsonNode? root, List<JsonObject> schemas)
    {
        _root = root;
        _schemas = schemas;
    }

    /// <summary>Whether a subschema here marks the value secret: <c>"writeOnly": true</c> or <c>"format": "password"</c>.</summary>
    public bool IsSecret => _schemas.Exists(static s =>
        (s["writeOnly"] is JsonValue writeOnly && writeOnly.TryGetValue<bool>(out var w) && w)
        || (s["format"] is JsonValue format && format.TryGetValue<string>(out var f) && f == "password"));

    public static SchemaPosition Root(JsonNode? root)
    {
        var position = new SchemaPosition(root, []);
        position.Add(root, 0);
        return position;
    }

    public SchemaPosition Property(string name)
    {
        var next = new SchemaPosition(_root, []);
        foreach (var schema in _schemas)
        {
            var matched = false;
            if (schema["properties"] is JsonObject properties && properties.TryGetPropertyValue(name, out var property))
            {
                next.Add(property, 0);
                matched = true;
            }

            if (schema["patternProperties"] is JsonObject patterns)
            {
                foreach (var (pattern, patternSchema) in patterns)
                {
                    if (Matches(pattern, name))
                    {
                        next.Add(patternSchema, 0);
                        matched = true;
                    }
                }
            }

            if (!matched)
            {
                next.Add(schema["additionalProperties"], 0);
            }
        }

        return next;
    }

    public SchemaPosition Item(int index)
    {
        var next = new SchemaPosition(_root, []);
        foreach (var schema in _schemas)
        {
            // Draft 2020-12 tuples are prefixItems + items; draft-07 tuples are an items array + additionalItems.
            if (schema["prefixItems"] is JsonArray prefix)
            {
                next.Add(index < prefix.Count ? prefix[index] : schema["items"], 0);
            }
            else if (schema["items"] is JsonArray tuple)
            {
                next.Add(index < tuple.Count ? tuple[index] : schema["additionalItems"], 0);
            }
            else
            {
                next.Add(schema["items"], 0);
            }
        }

        return next;
    }

    private static bool Matches(string pattern, string name)
    {
        try
        {
            return Regex.IsMatch(name, pattern, RegexOptions.None, PatternTimeout);
        }
        catch (ArgumentException)
        {
            // A pattern .NET cannot read: the name rule still applies to the property.
            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private void Add(JsonNode? node, int hops)
    {
        // true/false schemas and absent keywords say nothing about secrets.
        if (node is not JsonObject schema || hops > MaxRefHops || _schemas.Exists(s => ReferenceEquals(s, schema)))
        {
            return;
        }

        _schemas.Add(schema);
        if (schema["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var pointer))
        {
            Add(Resolve(pointer), hops + 1);
        }

        foreach (var keyword in (ReadOnlySpan<string>)["allOf", "anyOf", "oneOf"])
        {
            if (schema[keyword] is JsonArray branches)
            {
                foreach (var branch in branches)
                {
                    Add(branch, hops + 1);
                }
            }
        }

        Add(schema["then"], hops + 1);
        Add(schema["else"], hops + 1);
    }

    // Local references only (#, #/definitions/x, #/$defs/x): a plugin schema is one self-contained document.
    private JsonNode? Resolve(string pointer)
    {
        if (!pointer.StartsWith('#'))
        {
            return null;
        }

        var node = _root;
        foreach (var raw in Uri.UnescapeDataString(pointer[1..]).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }
}
