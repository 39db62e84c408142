using System.Text.Json.Nodes;

namespace Dashboard.Core.Configuration;

/// <summary>One entry of <c>plugins.json</c>'s <c>instances</c>, as written (before schema validation).</summary>
/// <param name="Id">The instance id, unique in the file.</param>
/// <param name="Plugin">The name of the plugin it runs.</param>
/// <param name="Enabled">Whether it should collect.</param>
/// <param name="Labels">Labels added to every sample.</param>
/// <param name="Config">The plugin config, as written.</param>
/// <param name="Path">Its JSON path in the file, e.g. <c>instances[2]</c>.</param>
/// <param name="Errors">Structural errors (wrong types, unknown keys); the schema is checked later.</param>
/// <param name="Version">A hash of the entry, for optimistic concurrency (<c>ETag</c>).</param>
public sealed record InstanceDefinition(
    string Id,
    string Plugin,
    bool Enabled,
    IReadOnlyDictionary<string, string> Labels,
    JsonObject Config,
    string Path,
    IReadOnlyList<ValidationError> Errors,
    string Version);
