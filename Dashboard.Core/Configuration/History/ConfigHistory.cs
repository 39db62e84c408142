using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.Core.Audit;
using Dashboard.Core.Configuration.Secrets;

namespace Dashboard.Core.Configuration.History;

/// <summary>
/// Reads the previous versions of <c>plugins.json</c> that <see cref="ConfigStore.SaveAsync"/> keeps: lists them with
/// who replaced each (from the audit log), reads one, follows one instance through them, and compares two versions of
/// an instance with secrets masked. Edits made on disk are not kept: the history holds what each save replaced.
/// </summary>
public sealed partial class ConfigHistory
{
    // Enough audit records to cover the history's hundred saves among logins and other entries.
    private const int AuditScanned = 5000;
    private static readonly TimeSpan AuditSlack = TimeSpan.FromSeconds(5);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly HashSet<string> WriteActions =
    [
        AuditActions.ConfigSave, AuditActions.InstancePut, AuditActions.InstanceDelete,
        AuditActions.InstanceRollback, AuditActions.ConfigRollback,
    ];

    private readonly ConfigStore _store;
    private readonly IAuditLog _audit;
    private readonly ConfigSecrets _secrets;

    /// <summary>Creates the reader.</summary>
    /// <param name="store">The store whose history folder is read.</param>
    /// <param name="audit">The audit log, for who made each save.</param>
    /// <param name="secrets">The secret fields masked in comparisons.</param>
    public ConfigHistory(ConfigStore store, IAuditLog audit, ConfigSecrets secrets)
    {
        _store = store;
        _audit = audit;
        _secrets = secrets;
    }

    /// <summary>Every kept version, newest first.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The versions.</returns>
    public async Task<IReadOnlyList<ConfigVersion>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_store.HistoryPath))
        {
            return [];
        }

        var writes = (await _audit.ReadRecentAsync(AuditScanned, cancellationToken).ConfigureAwait(false))
            .Where(r => WriteActions.Contains(r.Entry.Action))
            .ToList();
        return [.. Directory.GetFiles(_store.HistoryPath, "plugins-*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(name => Describe(name!, writes))
            .OfType<ConfigVersion>()
            .OrderByDescending(v => v.Id, StringComparer.Ordinal)];
    }

    /// <summary>The text of a kept version.</summary>
    /// <param name="id">Its <see cref="ConfigVersion.Id"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text, or <see langword="null"/> when there is no such version (any more).</returns>
    public async Task<string?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!NamePattern().IsMatch(id))
        {
            return null;
        }

        try
        {
            return await File.ReadAllTextAsync(Path.Combine(_store.HistoryPath, id + ".json"), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The versions in which an instance differs from the next newer one (or from the file now), newest first:
    /// one row per change of that instance. Versions that did not parse are left out.
    /// </summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The instance's previous versions.</returns>
    public async Task<IReadOnlyList<InstanceVersion>> ListInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        string? newer;
        try
        {
            newer = Find(await _store.ReadFileAsync(cancellationToken).ConfigureAwait(false), instanceId)?.Version;
        }
        catch (ConfigFormatException)
        {
            // The file on disk does not parse (an edit in progress): the newest kept version is compared with nothing.
            newer = null;
        }

        var versions = new List<InstanceVersion>();
        foreach (var version in await ListAsync(cancellationToken).ConfigureAwait(false))
        {
            InstanceDefinition? definition;
            try
            {
                definition = Find(await ReadAsync(version.Id, cancellationToken).ConfigureAwait(false), instanceId);
            }
            catch (ConfigFormatException)
            {
                continue;
            }

            if (definition?.Version != newer)
            {
                versions.Add(new InstanceVersion(version, definition));
            }

            newer = definition?.Version;
        }

        return versions;
    }

    /// <summary>An instance as a kept version had it.</summary>
    /// <param name="id">The version's <see cref="ConfigVersion.Id"/>.</param>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The instance, or <see langword="null"/> when the version or the instance in it does not exist.</returns>
    /// <exception cref="ConfigFormatException">That version of the file does not parse.</exception>
    public async Task<InstanceDefinition?> ReadInstanceAsync(string id, string instanceId, CancellationToken cancellationToken) =>
        Find(await ReadAsync(id, cancellationToken).ConfigureAwait(false), instanceId);

    /// <summary>Two versions of an instance, masked, with what changed between them.</summary>
    /// <param name="old">The older version, or <see langword="null"/> when it did not exist.</param>
    /// <param name="new">The newer version, or <see langword="null"/> when it does not exist.</param>
    /// <returns>The comparison.</returns>
    public InstanceDiff Compare(InstanceDefinition? old, InstanceDefinition? @new) =>
        new(Show(old), Show(@new), ConfigDiff.Describe(old, @new, _secrets));

    private static InstanceDefinition? Find(string? text, string instanceId) =>
        text is null ? null : PluginsFileParser.Parse(text).Instances.FirstOrDefault(i => i.Id == instanceId);

    private string? Show(InstanceDefinition? definition) => definition is null ? null : new JsonObject
    {
        ["id"] = definition.Id,
        ["plugin"] = definition.Plugin,
        ["enabled"] = definition.Enabled,
        ["labels"] = new JsonObject(definition.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value)))),
        ["config"] = _secrets.Mask(definition.Plugin, definition.Config),
    }.ToJsonString(Indented);

    private static ConfigVersion? Describe(string name, List<AuditRecord> writes)
    {
        var match = NamePattern().Match(name);
        if (!match.Success)
        {
            return null;
        }

        var at = new DateTimeOffset(DateTime.ParseExact(match.Groups["at"].Value, "yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

        // The save is audited, by the same clock, right after the old file is kept: the first write record from then on is it.
        var by = writes.Where(w => w.At >= at && w.At <= at + AuditSlack)
            .MinBy(w => w.At)?.Entry.Actor;
        return new ConfigVersion(name, match.Groups["version"].Value, at, by);
    }

    [GeneratedRegex("^plugins-(?<at>[0-9]{8}T[0-9]{9})-(?<version>[0-9a-f]{16}|empty)$")]
    private static partial Regex NamePattern();
}
