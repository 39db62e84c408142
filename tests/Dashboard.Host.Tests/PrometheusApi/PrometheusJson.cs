using System.Text.Json;

namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>Structural comparison of API answers: the same JSON whatever the key order, escapes and array order.</summary>
internal static class PrometheusJson
{
    /// <summary>
    /// A canonical text of a JSON value: object keys sorted, strings re-escaped one way, and array items sorted
    /// (every array of these endpoints is a set, or a list Prometheus already sorts, which is checked apart).
    /// </summary>
    public static string Canonical(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(',', element.EnumerateObject()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Name) + ":" + Canonical(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(',', element.EnumerateArray().Select(Canonical).Order(StringComparer.Ordinal)) + "]",
        JsonValueKind.String => JsonSerializer.Serialize(element.GetString()),
        _ => element.GetRawText(),
    };

    /// <summary>The shape of a value: its kind, and for an object the shape of each key's value.</summary>
    public static string Shape(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(',', element.EnumerateObject()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + ":" + Shape(p.Value))) + "}",
        _ => element.ValueKind.ToString(),
    };
}
