namespace Dashboard.Core.Configuration.History;

/// <summary>Two versions of one instance, secrets masked, for showing side by side.</summary>
/// <param name="Old">The older entry as indented JSON, or <see langword="null"/> when it did not exist.</param>
/// <param name="New">The newer entry as indented JSON, or <see langword="null"/> when it does not exist.</param>
/// <param name="Changes">What changed, one line per value (<see cref="Audit.ConfigDiff"/>); empty when nothing did.</param>
public sealed record InstanceDiff(string? Old, string? New, IReadOnlyList<string> Changes);
