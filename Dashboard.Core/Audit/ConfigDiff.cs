using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Core.Configuration;
using Dashboard.Core.Configuration.Secrets;

namespace Dashboard.Core.Audit;

/// <summary>
/// What changed between two versions of <c>plugins.json</c>, as lines an admin reads in the audit log:
/// <c>instance node: config.interval_ms 1000 → 2000</c>, <c>instance x: added: …</c>, <c>instance y: removed</c>.
/// Secret values never appear: a changed secret reads <c>config.basic_auth.password changed (secret)</c>, and added
/// or removed objects are shown masked.
/// </summary>
public static class ConfigDiff
{
    // The audit log is read by people: keep non-ASCII and quotes as they are (JSON-escaped again in the file anyway).
    private static readonly JsonSerializerOptions ValueFormat = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The changes from one document to the next, instance by instance, in the new document's order, removals last.</summary>
    /// <param name="old">The document that was in force.</param>
    /// <param name="new">The document that replaces it.</param>
    /// <param name="secrets">The secret fields of each plugin's config.</param>
    /// <returns>One line per change; empty when no instance changed (a reformatted file).</returns>
    public static IReadOnlyList<string> Describe(PluginsDocument old, PluginsDocument @new, ConfigSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        ArgumentNullException.ThrowIfNull(secrets);

        var before = old.Instances.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var instance in @new.Instances)
        {
            lines.AddRange(Describe(before.GetValueOrDefault(instance.Id), instance, secrets));
        }

        var after = @new.Instances.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var instance in old.Instances.Where(i => !after.Contains(i.Id)))
        {
            lines.AddRange(Describe(instance, null, secrets));
        }

        return lines;
    }

    /// <summary>The changes to one instance: created (<paramref name="old"/> null), removed (<paramref name="new"/> null) or edited.</summary>
    /// <param name="old">The instance before, or <see langword="null"/> when it is new.</param>
    /// <param name="new">The instance after, or <see langword="null"/> when it is removed.</param>
    /// <param name="secrets">The secret fields of each plugin's config.</param>
    /// <returns>One line per change; empty when nothing changed.</returns>
    public static IReadOnlyList<string> Describe(InstanceDefinition? old, InstanceDefinition? @new, ConfigSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        switch (old, @new)
        {
            case (null, null):
                return [];
            case (null, { } added):
                return [$"instance {added.Id}: added: plugin {Format(JsonValue.Create(added.Plugin))}, enabled {Format(JsonValue.Create(added.Enabled))}, " +
                    $"labels {Format(Labels(added.Labels))}, config {Format(secrets.Mask(added.Plugin, added.Config))}"];
            case ({ } removed, null):
                return [$"instance {removed.Id}: removed"];
        }

        var changes = new Changes($"instance {@new!.Id}: ");
        changes.Walk("plugin", JsonValue.Create(old!.Plugin), JsonValue.Create(@new.Plugin));
        changes.Walk("enabled", JsonValue.Create(old.Enabled), JsonValue.Create(@new.Enabled));
        changes.Walk("labels", Labels(old.Labels), Labels(@new.Labels));

        var oldSecrets = secrets.For(old.Plugin);
        var newSecrets = secrets.For(@new.Plugin);
        var secretPaths = oldSecrets.PathsIn(old.Config).Concat(newSecrets.PathsIn(@new.Config))
            .Select(p => $"config.{p}").ToHashSet(StringComparer.Ordinal);
        changes.Walk("config", old.Config, @new.Config, oldSecrets.Mask(old.Config), newSecrets.Mask(@new.Config), secretPaths);
        return changes.Lines;
    }

    private static JsonObject Labels(IReadOnlyDictionary<string, string> labels) =>
        new(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value))));

    private static string Format(JsonNode? value) => value?.ToJsonString(ValueFormat) ?? "null";

    // Walks two versions side by side with their masked copies: the raw ones say what changed, the masked ones are shown.
    private sealed class Changes(string prefix)
    {
        public List<string> Lines { get; } = [];

        public void Walk(string path, JsonNode? old, JsonNode? @new) => Walk(path, old, @new, old, @new, null);

        public void Walk(string path, JsonNode? old, JsonNode? @new, JsonNode? maskedOld, JsonNode? maskedNew, HashSet<string>? secretPaths) =>
            Compare(path, true, old, maskedOld, true, @new, maskedNew, secretPaths ?? []);

        private void Compare(string path, bool hadOld, JsonNode? old, JsonNode? maskedOld, bool hasNew, JsonNode? @new,
            JsonNode? maskedNew, HashSet<string> secretPaths)
        {
            if (hadOld == hasNew && JsonNode.DeepEquals(old, @new))
            {
                return;
            }

            if (secretPaths.Contains(path))
            {
                Lines.Add($"{prefix}{path} {(hadOld ? hasNew ? "changed" : "removed" : "added")} (secret)");
                return;
            }

            switch (old, @new)
            {
                case (JsonObject o, JsonObject n) when hadOld && hasNew:
                    foreach (var name in o.Select(p => p.Key).Concat(n.Select(p => p.Key).Where(k => !o.ContainsKey(k))))
                    {
                        Compare($"{path}.{name}", o.ContainsKey(name), o[name], maskedOld?[name], n.ContainsKey(name), n[name],
                            maskedNew?[name], secretPaths);
                    }

                    return;
                case (JsonArray o, JsonArray n) when hadOld && hasNew:
                    for (var i = 0; i < Math.Max(o.Count, n.Count); i++)
                    {
                        Compare($"{path}[{i}]", i < o.Count, i < o.Count ? o[i] : null, i < o.Count ? maskedOld?[i] : null,
                            i < n.Count, i < n.Count ? n[i] : null, i < n.Count ? maskedNew?[i] : null, secretPaths);
                    }

                    return;
            }

            Lines.Add(!hadOld ? $"{prefix}{path} added {Format(maskedNew)}"
                : !hasNew ? $"{prefix}{path} removed (was {Format(maskedOld)})"
                : $"{prefix}{path} {Format(maskedOld)} → {Format(maskedNew)}");
        }
    }
}
