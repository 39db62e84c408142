using System.Text.Json.Nodes;

namespace Dashboard.Core.Configuration;

/// <summary>The outcome of validating one instance's config.</summary>
/// <param name="Errors">Every error found, each with its path; empty when valid.</param>
/// <param name="Effective">The config with defaults applied (what the monitor receives when valid).</param>
/// <param name="Interval">The collect interval, when <c>interval_ms</c> is valid.</param>
/// <param name="Timeout">The collect timeout, when <c>timeout_ms</c> is valid.</param>
public sealed record ConfigValidation(
    IReadOnlyList<ValidationError> Errors,
    JsonObject Effective,
    TimeSpan Interval,
    TimeSpan Timeout)
{
    /// <summary>Whether the config may run.</summary>
    public bool IsValid => Errors.Count == 0;
}
