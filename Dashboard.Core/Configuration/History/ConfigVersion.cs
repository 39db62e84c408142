namespace Dashboard.Core.Configuration.History;

/// <summary>A previous version of <c>plugins.json</c>, kept when a save replaced it.</summary>
/// <param name="Id">Its name in the history folder (without <c>.json</c>), which reads and rolls back to it.</param>
/// <param name="Version">The file's version (hash) it had while in force.</param>
/// <param name="ReplacedAt">When a save replaced it.</param>
/// <param name="ReplacedBy">Who made that save, from the audit log, or <see langword="null"/> when it has no entry for it.</param>
public sealed record ConfigVersion(string Id, string Version, DateTimeOffset ReplacedAt, string? ReplacedBy);
