using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Host.Api;

/// <summary>The JSON shape of every API answer: camelCase names, enums as camelCase strings, no nulls left out.</summary>
internal static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }
}
