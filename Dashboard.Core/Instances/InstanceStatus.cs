using System.Text.Json.Nodes;
using Dashboard.Core.Collection;
using Dashboard.Core.Configuration;

namespace Dashboard.Core.Instances;

/// <summary>What operators see of one instance.</summary>
/// <param name="Id">The instance id.</param>
/// <param name="Plugin">The plugin it runs.</param>
/// <param name="Enabled">Whether it is switched on.</param>
/// <param name="State">Running, invalid, failing, disabled or waiting.</param>
/// <param name="Labels">The labels added to its samples.</param>
/// <param name="Config">
/// The config in force (defaults applied) when running, else the config as written; secrets masked
/// (<see cref="Configuration.Secrets.SecretFields.MaskText"/>), so never the base of an edit's restore: use
/// <see cref="ConfigStore.Current"/> for that.
/// </param>
/// <param name="Message">Why it is not running, or that a rejected edit left the previous config running.</param>
/// <param name="ValidationErrors">Every error of the config as written, each with its path.</param>
/// <param name="Collection">How its collects are going, when scheduled.</param>
/// <param name="Version">The version of its entry in <c>plugins.json</c>, for <c>ETag</c>.</param>
public sealed record InstanceStatus(
    string Id,
    string Plugin,
    bool Enabled,
    InstanceState State,
    IReadOnlyDictionary<string, string> Labels,
    JsonObject Config,
    string? Message,
    IReadOnlyList<ValidationError> ValidationErrors,
    CollectionStatus? Collection,
    string Version);
