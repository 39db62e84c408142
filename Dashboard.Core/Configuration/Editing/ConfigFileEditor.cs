using Dashboard.Core.Audit;
using Dashboard.Core.Configuration.History;
using Dashboard.Core.Configuration.Secrets;
using Dashboard.Core.Instances;
using Dashboard.Core.Plugins;

namespace Dashboard.Core.Configuration.Editing;

/// <summary>
/// Replaces the whole of <c>plugins.json</c> (the raw editor, <c>PUT /api/config</c>, a rollback of the file): the text
/// must parse and every instance pass its checks, the version edited must still be the one on disk, and the save is
/// audited and reconciled before the answer.
/// </summary>
/// <param name="store">The config store written.</param>
/// <param name="catalog">The loaded plugins, for their schemas.</param>
/// <param name="supervisor">The supervisor reconciled after a save.</param>
/// <param name="secrets">The secret fields masked in the audit.</param>
/// <param name="history">The kept versions, for rollbacks.</param>
/// <param name="audit">Where saves are recorded.</param>
public sealed class ConfigFileEditor(ConfigStore store, PluginCatalog catalog, InstanceSupervisor supervisor, ConfigSecrets secrets,
    ConfigHistory history, IAuditLog audit)
{
    /// <summary>Replaces the file with <paramref name="text"/>.</summary>
    /// <param name="text">The new content.</param>
    /// <param name="expectedVersion">The file version edited, or <see langword="null"/> to overwrite whatever is there.</param>
    /// <param name="actor">Who saves, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the save before the write.</param>
    /// <returns>What became of it; errors have their paths in the file.</returns>
    public Task<EditResult> SaveAsync(string text, string? expectedVersion, string actor, CancellationToken cancellationToken) =>
        SaveAsync(text, expectedVersion, actor, AuditActions.ConfigSave, "", cancellationToken);

    /// <summary>Puts back the whole file as a kept version had it, through the same checks as <see cref="SaveAsync(string, string?, string, CancellationToken)"/>.</summary>
    /// <param name="versionId">The kept version's <see cref="ConfigVersion.Id"/>.</param>
    /// <param name="expectedVersion">The file version the rollback was decided on, or <see langword="null"/> to overwrite.</param>
    /// <param name="actor">Who rolls back, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the rollback before the write.</param>
    /// <returns>What became of it; <see cref="EditResult.NotFound"/> when the version is not kept (any more).</returns>
    public async Task<EditResult> RollBackAsync(string versionId, string? expectedVersion, string actor, CancellationToken cancellationToken)
    {
        var text = await history.ReadAsync(versionId, cancellationToken).ConfigureAwait(false);
        return text is null
            ? new EditResult.NotFound()
            : await SaveAsync(text, expectedVersion, actor, AuditActions.ConfigRollback, $"to version {versionId}: ", cancellationToken).ConfigureAwait(false);
    }

    private async Task<EditResult> SaveAsync(string text, string? expectedVersion, string actor, string action, string note,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        PluginsDocument document;
        try
        {
            document = PluginsFileParser.Parse(text);
        }
        catch (ConfigFormatException ex)
        {
            return new EditResult.Invalid([new ValidationError("", ex.Message)]);
        }

        if (ConfigChangeCheck.Document(document, catalog) is { Count: > 0 } errors)
        {
            return new EditResult.Invalid(errors);
        }

        var before = await store.ReadFileAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await store.SaveAsync(text, expectedVersion, cancellationToken).ConfigureAwait(false);
        }
        catch (ConfigConflictException)
        {
            var now = await store.ReadFileAsync(cancellationToken).ConfigureAwait(false);
            return new EditResult.Stale(now is null ? PluginsDocument.Empty.Version : PluginsFileParser.Hash(now));
        }

        audit.Record(new AuditEntry(actor, action, Path.GetFileName(store.FilePath), note + ConfigChangeDetail.Between(before, text, secrets)));
        await supervisor.ReconcileAsync(cancellationToken).ConfigureAwait(false);
        return new EditResult.Saved(document.Version, before is null);
    }
}
