using System.Text.Json.Nodes;
using Dashboard.Core.Audit;
using Dashboard.Core.Configuration.History;
using Dashboard.Core.Configuration.Secrets;
using Dashboard.Core.Instances;
using Dashboard.Core.Plugins;

namespace Dashboard.Core.Configuration.Editing;

/// <summary>
/// Creates, replaces, removes and rolls back one instance of <c>plugins.json</c>, for the API and the UI alike: the
/// entry is checked as the file watcher checks it (shape, then the plugin's schema), masked secrets sent back are
/// restored, the version the edit was based on must still be current, the file is written atomically against the
/// version read (so an edit on disk in between is never overwritten), the change is audited and the instances are
/// reconciled before the answer.
/// </summary>
/// <param name="store">The config store written.</param>
/// <param name="catalog">The loaded plugins, for their schemas.</param>
/// <param name="supervisor">The supervisor reconciled after a save.</param>
/// <param name="secrets">The secret fields restored from the config in force and masked in the audit.</param>
/// <param name="history">The kept versions, for rollbacks.</param>
/// <param name="audit">Where saves are recorded.</param>
public sealed class InstanceEditor(ConfigStore store, PluginCatalog catalog, InstanceSupervisor supervisor, ConfigSecrets secrets,
    ConfigHistory history, IAuditLog audit)
{
    /// <summary>
    /// The version of an entry, as <c>GET /api/instances/{id}</c> gives it in its <c>ETag</c>: the hash of the entry as written.
    /// </summary>
    /// <param name="entry">The entry, or <see langword="null"/> when there is none.</param>
    /// <returns>The version, or <see langword="null"/>.</returns>
    public static string? VersionOf(JsonObject? entry) => entry is null ? null : PluginsFileParser.Hash(entry.ToJsonString());

    /// <summary>An instance's entry as on disk now, with its secrets masked, ready to edit.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entry and its version, or why it cannot be edited (<see cref="EditResult.NotFound"/>, <see cref="EditResult.Unreadable"/>).</returns>
    public async Task<(JsonObject? Entry, string? Version, EditResult? Problem)> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var (_, entry, unreadable) = await ReadEntryAsync(id, cancellationToken).ConfigureAwait(false);
        if (unreadable is not null)
        {
            return (null, null, unreadable);
        }

        if (entry is null)
        {
            return (null, null, new EditResult.NotFound());
        }

        var version = VersionOf(entry);
        if (entry["config"] is JsonObject config && entry["plugin"] is JsonValue plugin && plugin.TryGetValue<string>(out var name))
        {
            entry["config"] = secrets.Mask(name, config);
        }

        return (entry, version, null);
    }

    /// <summary>Creates or replaces an instance.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="written">The entry as edited: <c>plugin</c>, <c>enabled</c>, <c>labels</c>, <c>config</c>, and <c>id</c> (equal to <paramref name="id"/>) or none.</param>
    /// <param name="expected">The version the edit was based on.</param>
    /// <param name="actor">Who edits, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the edit before the write.</param>
    /// <returns>What became of it.</returns>
    public Task<EditResult> PutAsync(string id, JsonObject written, ExpectedVersion expected, string actor, CancellationToken cancellationToken) =>
        PutAsync(id, written, expected, actor, AuditActions.InstancePut, "", cancellationToken);

    /// <summary>Removes an instance.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="expected">The version the removal was based on.</param>
    /// <param name="actor">Who removes it, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the removal before the write.</param>
    /// <returns>What became of it.</returns>
    public Task<EditResult> DeleteAsync(string id, ExpectedVersion expected, string actor, CancellationToken cancellationToken) =>
        DeleteAsync(id, expected, actor, AuditActions.InstanceDelete, "", cancellationToken);

    /// <summary>
    /// Puts an instance back as a kept version had it (or removes it, when that version did not have it), through the
    /// same checks as an edit: a version that no longer validates (its plugin's schema changed) is refused with its errors.
    /// </summary>
    /// <param name="id">The instance id.</param>
    /// <param name="versionId">The kept version's <see cref="ConfigVersion.Id"/>.</param>
    /// <param name="expected">The version of the instance the rollback was decided on.</param>
    /// <param name="actor">Who rolls back, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the rollback before the write.</param>
    /// <returns>What became of it; <see cref="EditResult.NotFound"/> when the version is not kept (any more).</returns>
    public async Task<EditResult> RollBackAsync(string id, string versionId, ExpectedVersion expected, string actor, CancellationToken cancellationToken)
    {
        var text = await history.ReadAsync(versionId, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return new EditResult.NotFound();
        }

        JsonObject? entry;
        try
        {
            entry = PluginsFileEditor.FindInstance(text, id);
        }
        catch (ConfigFormatException ex)
        {
            return new EditResult.Unreadable(ex.Message);
        }

        var note = $"to version {versionId}: ";
        return entry is null
            ? await DeleteAsync(id, expected, actor, AuditActions.InstanceRollback, note, cancellationToken).ConfigureAwait(false)
            : await PutAsync(id, entry, expected, actor, AuditActions.InstanceRollback, note, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks an edit without saving it, with every check a save applies: what a form shows while the admin types.
    /// </summary>
    /// <param name="id">The instance id.</param>
    /// <param name="written">The entry as edited.</param>
    /// <param name="cancellationToken">Cancels the read of the file.</param>
    /// <returns>The errors, with paths relative to the instance (<c>config.targets[1].url</c>); empty when a save would be accepted.</returns>
    public async Task<IReadOnlyList<ValidationError>> CheckAsync(string id, JsonObject written, CancellationToken cancellationToken)
    {
        var (disk, old, unreadable) = await ReadEntryAsync(id, cancellationToken).ConfigureAwait(false);
        return unreadable is EditResult.Unreadable problem ? [new ValidationError("", problem.Message)]
            : Prepare(id, written, disk, old).Problem is EditResult.Invalid invalid ? invalid.Errors
            : [];
    }

    private async Task<EditResult> PutAsync(string id, JsonObject written, ExpectedVersion expected, string actor, string action,
        string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(expected);
        if (WrongId(id, written) is { } wrongId)
        {
            return wrongId;
        }

        var (disk, old, unreadable) = await ReadEntryAsync(id, cancellationToken).ConfigureAwait(false);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var current = VersionOf(old);
        if (!expected.Allows(current))
        {
            return new EditResult.Stale(current);
        }

        var (problem, newText, definition) = Prepare(id, written, disk, old);
        if (problem is not null)
        {
            return problem;
        }

        if (await SaveAsync(newText!, disk, current, cancellationToken).ConfigureAwait(false) is { } conflict)
        {
            return conflict;
        }

        audit.Record(new AuditEntry(actor, action, id, note + ConfigChangeDetail.Between(disk, newText!, secrets)));
        await supervisor.ReconcileAsync(cancellationToken).ConfigureAwait(false);
        return new EditResult.Saved(definition!.Version, old is null);
    }

    private static EditResult.Invalid? WrongId(string id, JsonObject written) =>
        written.TryGetPropertyValue("id", out var bodyId) && !(bodyId is JsonValue value && value.TryGetValue<string>(out var text) && text == id)
            ? new EditResult.Invalid([new ValidationError("id", $"must be '{id}', the id in the URL, or be left out")])
            : null;

    // The new file text and the instance in it, or why the edit is invalid.
    private (EditResult? Problem, string? NewText, InstanceDefinition? Definition) Prepare(string id, JsonObject written, string? disk, JsonObject? old)
    {
        if (WrongId(id, written) is { } wrongId)
        {
            return (wrongId, null, null);
        }

        // The id first, as people write it.
        var entry = new JsonObject { ["id"] = id };
        foreach (var (key, node) in written.Where(p => p.Key != "id"))
        {
            entry[key] = node?.DeepClone();
        }

        // A config shown masked and sent back unchanged keeps the secret on disk.
        if (entry["config"] is JsonObject edited && entry["plugin"] is JsonValue plugin && plugin.TryGetValue<string>(out var pluginName))
        {
            var restored = secrets.Restore(pluginName, edited, old?["config"] as JsonObject);
            if (!restored.IsValid)
            {
                return (new EditResult.Invalid([.. restored.Errors.Select(e => e with { Path = "config." + e.Path })]), null, null);
            }

            entry["config"] = restored.Config;
        }

        var newText = PluginsFileEditor.PutInstance(disk, entry);
        var document = PluginsFileParser.Parse(newText);
        if (document.Instances.FirstOrDefault(d => d.Id == id) is not { } definition)
        {
            return (new EditResult.Invalid([.. document.Errors.Select(Relative)]), null, null);
        }

        return ConfigChangeCheck.Instance(definition, catalog) is { Count: > 0 } errors
            ? (new EditResult.Invalid([.. errors.Select(Relative)]), null, null)
            : (null, newText, definition);
    }

    private async Task<EditResult> DeleteAsync(string id, ExpectedVersion expected, string actor, string action, string note,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var (disk, old, unreadable) = await ReadEntryAsync(id, cancellationToken).ConfigureAwait(false);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (old is null)
        {
            return new EditResult.NotFound();
        }

        var current = VersionOf(old);
        if (!expected.Allows(current))
        {
            return new EditResult.Stale(current);
        }

        var newText = PluginsFileEditor.RemoveInstance(disk, id)!;
        if (await SaveAsync(newText, disk, current, cancellationToken).ConfigureAwait(false) is { } conflict)
        {
            return conflict;
        }

        audit.Record(new AuditEntry(actor, action, id, note + ConfigChangeDetail.Between(disk, newText, secrets)));
        await supervisor.ReconcileAsync(cancellationToken).ConfigureAwait(false);
        return new EditResult.Saved(null, false);
    }

    // The file as on disk and the instance's entry in it, or the problem of a file that cannot be read.
    private async Task<(string? Disk, JsonObject? Entry, EditResult? Unreadable)> ReadEntryAsync(string id, CancellationToken cancellationToken)
    {
        var disk = await store.ReadFileAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (disk, PluginsFileEditor.FindInstance(disk, id), null);
        }
        catch (ConfigFormatException ex)
        {
            return (disk, null, new EditResult.Unreadable(ex.Message));
        }
    }

    // Saved against the version read, so an edit made on disk in between is never overwritten.
    private async Task<EditResult?> SaveAsync(string newText, string? disk, string? current, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveAsync(newText, disk is null ? PluginsDocument.Empty.Version : PluginsFileParser.Hash(disk), cancellationToken)
                .ConfigureAwait(false);
            return null;
        }
        catch (ConfigConflictException ex)
        {
            return new EditResult.Conflict(ex.Message, current);
        }
    }

    // Paths relative to the instance sent (config.interval_ms), not to its place in the file.
    private static ValidationError Relative(ValidationError error)
    {
        var path = error.Path;
        if (path.StartsWith("instances[", StringComparison.Ordinal) && path.IndexOf(']', StringComparison.Ordinal) is var end and > 0)
        {
            path = path[(end + 1)..].TrimStart('.');
        }

        return error with { Path = path };
    }
}
