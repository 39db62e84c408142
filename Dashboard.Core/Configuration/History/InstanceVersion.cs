namespace Dashboard.Core.Configuration.History;

/// <summary>One instance as a previous version of <c>plugins.json</c> had it.</summary>
/// <param name="File">The file version.</param>
/// <param name="Definition">The instance in it, or <see langword="null"/> when that version did not have it.</param>
public sealed record InstanceVersion(ConfigVersion File, InstanceDefinition? Definition);
