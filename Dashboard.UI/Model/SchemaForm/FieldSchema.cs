using System.Globalization;
using System.Text.Json.Nodes;

namespace Dashboard.UI.Model.SchemaForm;

/// <summary>
/// What the form needs to know of one value of a plugin's config schema: its kind, constraints, default and help,
/// read once from the schema's JSON (local <c>$ref</c>s resolved). The server's validator stays the judge; the hints
/// only tell the admin the rules before a value breaks them.
/// </summary>
public sealed class FieldSchema
{
    private const int MaxDepth = 32;

    /// <summary>How the value is edited.</summary>
    public required FieldKind Kind { get; init; }

    /// <summary>The schema's <c>title</c>, if any.</summary>
    public string? Title { get; init; }

    /// <summary>The schema's <c>description</c>: the field's help text.</summary>
    public string? Description { get; init; }

    /// <summary>The allowed values (<c>enum</c>), or empty.</summary>
    public IReadOnlyList<JsonNode?> Enum { get; init; } = [];

    /// <summary>The <c>default</c>, applied by the server when the value is left out.</summary>
    public JsonNode? Default { get; init; }

    /// <summary>The <c>minimum</c> (or exclusive minimum, see <see cref="MinimumExclusive"/>).</summary>
    public double? Minimum { get; init; }

    /// <summary>Whether <see cref="Minimum"/> itself is refused.</summary>
    public bool MinimumExclusive { get; init; }

    /// <summary>The <c>maximum</c> (or exclusive maximum, see <see cref="MaximumExclusive"/>).</summary>
    public double? Maximum { get; init; }

    /// <summary>Whether <see cref="Maximum"/> itself is refused.</summary>
    public bool MaximumExclusive { get; init; }

    /// <summary>The <c>minLength</c> of a string, or of an array (<c>minItems</c>).</summary>
    public int? MinLength { get; init; }

    /// <summary>The <c>maxLength</c> of a string, or of an array (<c>maxItems</c>).</summary>
    public int? MaxLength { get; init; }

    /// <summary>The <c>pattern</c> a string must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>The <c>format</c> (<c>uri</c>, <c>password</c>…).</summary>
    public string? Format { get; init; }

    /// <summary>Whether the value is secret (<c>writeOnly</c> or <c>format: password</c>): shown masked, in a password input.</summary>
    public bool IsSecret { get; init; }

    /// <summary>The properties of an object, in schema order.</summary>
    public IReadOnlyList<KeyValuePair<string, FieldSchema>> Properties { get; init; } = [];

    /// <summary>The required property names of an object.</summary>
    public IReadOnlySet<string> Required { get; init; } = new HashSet<string>();

    /// <summary>The schema of an array's items, or of a map's values.</summary>
    public FieldSchema? Items { get; init; }

    /// <summary>Parses a schema's JSON text.</summary>
    /// <param name="text">The schema.</param>
    /// <returns>The root field.</returns>
    /// <exception cref="System.Text.Json.JsonException">The text is not JSON.</exception>
    public static FieldSchema Parse(string text)
    {
        var root = JsonNode.Parse(text) as JsonObject ?? [];
        return Read(root, root, 0);
    }

    /// <summary>Reads a schema node that is already parsed.</summary>
    /// <param name="schema">The node.</param>
    /// <returns>The field.</returns>
    public static FieldSchema From(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Read(schema, schema, 0);
    }

    /// <summary>The constraints in words, for the help line: <c>100 – 86400000</c>, <c>at most 20 characters</c>.</summary>
    /// <returns>The hints, or an empty string.</returns>
    public string Hints()
    {
        var hints = new List<string>();
        switch (Minimum, Maximum)
        {
            case ({ } min, { } max):
                hints.Add($"{Bound(min, MinimumExclusive, ">")} and {Bound(max, MaximumExclusive, "<")}");
                break;
            case ({ } min, null):
                hints.Add(Bound(min, MinimumExclusive, ">"));
                break;
            case (null, { } max):
                hints.Add(Bound(max, MaximumExclusive, "<"));
                break;
        }

        var unit = Kind == FieldKind.List ? "items" : "characters";
        switch (MinLength, MaxLength)
        {
            case ({ } min, { } max):
                hints.Add($"{min}–{max} {unit}");
                break;
            case ({ } min, null) when min > 0:
                hints.Add($"at least {min} {unit}");
                break;
            case (null, { } max):
                hints.Add($"at most {max} {unit}");
                break;
        }

        if (Pattern is not null)
        {
            hints.Add($"matches {Pattern}");
        }

        if (Format is not null && !IsSecret)
        {
            hints.Add($"format {Format}");
        }

        if (Default is not null)
        {
            hints.Add($"default {Default.ToJsonString()}");
        }

        return string.Join("; ", hints);
    }

    private static string Bound(double value, bool exclusive, string sign) =>
        $"{sign}{(exclusive ? "" : "=")} {value.ToString(CultureInfo.InvariantCulture)}";

    private static FieldSchema Read(JsonObject schema, JsonObject root, int depth)
    {
        schema = Resolve(schema, root);
        var kind = KindOf(schema);
        var items = depth >= MaxDepth ? null : kind switch
        {
            FieldKind.List when schema["items"] is JsonObject item => Read(item, root, depth + 1),
            FieldKind.Map => Read(MapValues(schema) ?? [], root, depth + 1),
            _ => null,
        };
        var properties = kind == FieldKind.Group && depth < MaxDepth && schema["properties"] is JsonObject props
            ? props.Where(p => p.Value is JsonObject).Select(p => KeyValuePair.Create(p.Key, Read((JsonObject)p.Value!, root, depth + 1))).ToList()
            : [];
        return new FieldSchema
        {
            Kind = kind,
            Title = Text(schema, "title"),
            Description = Text(schema, "description"),
            Enum = schema["enum"] is JsonArray values ? [.. values.Select(v => v?.DeepClone())] : [],
            Default = schema["default"]?.DeepClone(),
            Minimum = Number(schema["exclusiveMinimum"]) ?? Number(schema["minimum"]),
            MinimumExclusive = Number(schema["exclusiveMinimum"]) is not null || Flag(schema, "exclusiveMinimum"),
            Maximum = Number(schema["exclusiveMaximum"]) ?? Number(schema["maximum"]),
            MaximumExclusive = Number(schema["exclusiveMaximum"]) is not null || Flag(schema, "exclusiveMaximum"),
            MinLength = (int?)(Number(schema["minLength"]) ?? Number(schema["minItems"])),
            MaxLength = (int?)(Number(schema["maxLength"]) ?? Number(schema["maxItems"])),
            Pattern = Text(schema, "pattern"),
            Format = Text(schema, "format"),
            IsSecret = Flag(schema, "writeOnly") || Text(schema, "format") == "password",
            Properties = properties,
            Required = schema["required"] is JsonArray required
                ? required.Select(r => r?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(),
            Items = items,
        };
    }

    private static FieldKind KindOf(JsonObject schema)
    {
        var type = schema["type"] switch
        {
            JsonValue single => single.GetValue<string>(),
            JsonArray many when many.Select(t => t?.ToString()).Where(t => t != "null").ToList() is [var only] => only,
            _ => null,
        };
        return type switch
        {
            "string" => FieldKind.Text,
            "integer" => FieldKind.WholeNumber,
            "number" => FieldKind.Number,
            "boolean" => FieldKind.Boolean,
            "array" when schema["items"] is JsonObject => FieldKind.List,
            "object" when schema["properties"] is null && MapValues(schema) is not null => FieldKind.Map,
            "object" => FieldKind.Group,
            null when schema["enum"] is JsonArray => FieldKind.Text,
            null when schema["properties"] is JsonObject => FieldKind.Group,
            _ => FieldKind.Json,
        };
    }

    // The schema of a map's values: one patternProperties schema, else additionalProperties.
    private static JsonObject? MapValues(JsonObject schema) =>
        schema["patternProperties"] is JsonObject patterns && patterns.Count == 1 && patterns.Single().Value is JsonObject byPattern ? byPattern
        : schema["additionalProperties"] as JsonObject;

    // Local references only (#/definitions/x, #/$defs/x), as plugin schemas are self-contained.
    private static JsonObject Resolve(JsonObject schema, JsonObject root)
    {
        for (var hops = 0; hops < MaxDepth && schema["$ref"] is JsonValue reference && reference.GetValue<string>() is var pointer
            && pointer.StartsWith("#/", StringComparison.Ordinal); hops++)
        {
            JsonNode? target = root;
            foreach (var part in pointer[2..].Split('/'))
            {
                target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }

            if (target is not JsonObject resolved)
            {
                break;
            }

            schema = resolved;
        }

        return schema;
    }

    private static string? Text(JsonObject schema, string key) =>
        schema[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool Flag(JsonObject schema, string key) =>
        schema[key] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;
}
