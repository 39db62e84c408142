using System.Text.Json.Nodes;
using Dashboard.Core.Configuration;
using Dashboard.Core.Instances;

namespace Dashboard.Host.Api;

/// <summary>
/// An instance as the API shows it: identity, state and the record of its collects, flat. Its config comes from the
/// status with the secrets already masked (<see cref="InstanceStatus.Config"/>), so no answer built here carries one.
/// </summary>
internal sealed record InstanceResponse(
    string Id,
    string Plugin,
    bool Enabled,
    InstanceState State,
    IReadOnlyDictionary<string, string> Labels,
    JsonObject Config,
    DateTimeOffset? LastCollectedAt,
    double? LastDurationMs,
    string? LastError,
    int ConsecutiveFailures,
    string? Message,
    IReadOnlyList<ValidationError> ValidationErrors,
    long Collects,
    long Failures,
    long SkippedTicks,
    int LastSampleCount,
    int SeriesCount,
    long RefusedSamples,
    string? Warning,
    string Version)
{
    public static InstanceResponse From(InstanceStatus status)
    {
        var c = status.Collection;
        return new InstanceResponse(status.Id, status.Plugin, status.Enabled, status.State, status.Labels, status.Config,
            c?.LastCollectedAt, c?.LastDurationMs, c?.LastError, c?.ConsecutiveFailures ?? 0, status.Message,
            status.ValidationErrors, c?.Collects ?? 0, c?.Failures ?? 0, c?.Skipped ?? 0, c?.LastSampleCount ?? 0,
            c?.SeriesCount ?? 0, c?.RefusedSamples ?? 0, c?.Warning, status.Version);
    }
}
