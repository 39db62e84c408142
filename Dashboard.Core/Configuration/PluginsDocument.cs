namespace Dashboard.Core.Configuration;

/// <summary>A parsed <c>plugins.json</c>.</summary>
/// <param name="Instances">The instances with a usable, unique id.</param>
/// <param name="Errors">Errors that belong to no instance (a duplicate id, an entry that is not an object).</param>
/// <param name="Version">A hash of the file's bytes: the document's <c>ETag</c>.</param>
public sealed record PluginsDocument(
    IReadOnlyList<InstanceDefinition> Instances,
    IReadOnlyList<ValidationError> Errors,
    string Version)
{
    /// <summary>The document of a missing file: no instances.</summary>
    public static PluginsDocument Empty { get; } = new([], [], "empty");
}
