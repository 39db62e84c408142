using System.Text.Json.Serialization;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>
/// Source-generated JSON for <c>meta.json</c>. Nullable annotations and constructor parameters are enforced so that a
/// field missing from a damaged file fails the parse instead of surfacing later as a null.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(BlockMeta))]
internal sealed partial class BlockMetaJsonContext : JsonSerializerContext;
