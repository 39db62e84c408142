using System.Text.Json.Serialization;

namespace Dashboard.Core.Query.Remote;

/// <summary>Compile-time JSON metadata for the answers the remote source reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PrometheusQueryResponse))]
internal sealed partial class RemoteJsonContext : JsonSerializerContext;
