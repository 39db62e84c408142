using System.Text.Json.Nodes;

namespace Dashboard.Core.Configuration.Secrets;

/// <summary>An edited config with its masked secrets put back (<see cref="SecretFields.Restore"/>).</summary>
/// <param name="Config">The config to validate and save.</param>
/// <param name="Errors">A mask with no previous secret behind it, by path inside the config; empty when every mask was restored.</param>
public sealed record RestoredConfig(JsonObject Config, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>Whether every mask was restored, so the config may be saved.</summary>
    public bool IsValid => Errors.Count == 0;
}
