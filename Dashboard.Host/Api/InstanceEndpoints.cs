using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Core.Audit;
using Dashboard.Core.Collection;
using Dashboard.Core.Configuration;
using Dashboard.Core.Configuration.Secrets;
using Dashboard.Core.Instances;
using Dashboard.Core.Plugins;
using Dashboard.Host.Security;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Host.Api;

/// <summary>
/// <c>GET /api/instances</c>, <c>/api/instances/{id}</c> (with an <c>ETag</c>) and <c>/api/instances/{id}/latest</c>;
/// admin only, <c>PUT</c> and <c>DELETE /api/instances/{id}</c>, which edit that entry of <c>plugins.json</c> through the
/// config store (validated first, <c>If-Match</c> honoured, written atomically with the previous file kept, audited).
/// </summary>
internal static class InstanceEndpoints
{
    public static void MapInstanceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/instances");
        group.MapGet("/", (InstanceSupervisor supervisor) => supervisor.GetInstances().Select(InstanceResponse.From));
        group.MapGet("/{id}", (string id, InstanceSupervisor supervisor, HttpContext context) =>
        {
            if (supervisor.GetInstance(id) is not { } status)
            {
                return NotFound(id);
            }

            context.Response.Headers[HeaderNames.ETag] = $"\"{status.Version}\"";
            return Results.Ok(InstanceResponse.From(status));
        });
        group.MapGet("/{id}/latest", (string id, InstanceSupervisor supervisor, LatestSamples latest) =>
        {
            if (supervisor.GetInstance(id) is null)
            {
                return NotFound(id);
            }

            var samples = latest.Get(id);
            return Results.Ok(new
            {
                instanceId = id,
                samples = samples.Select(s => new
                {
                    metric = s.Series.Metric,
                    kind = s.Series.Kind,
                    labels = s.Series.Labels.ToDictionary(l => l.Name, l => l.Value),
                    value = double.IsFinite(s.Value) ? (object)s.Value : s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    timestamp = DateTimeOffset.FromUnixTimeMilliseconds(s.TimestampMs),
                }),
            });
        });
        group.MapPut("/{id}", PutAsync).RequireRole(DashboardRole.Admin);
        group.MapDelete("/{id}", DeleteAsync).RequireRole(DashboardRole.Admin);
    }

    private static async Task<IResult> PutAsync(string id, HttpContext context, ConfigStore store, PluginCatalog catalog,
        InstanceSupervisor supervisor, ConfigSecrets secrets, IAuditLog audit, CancellationToken cancellationToken)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            }, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            return ConfigProblems.Invalid("Invalid instance", [new ValidationError("", $"the body is not valid JSON: {ex.Message}")]);
        }

        if (body is not JsonObject written)
        {
            return ConfigProblems.Invalid("Invalid instance", [new ValidationError("", "the body must be a JSON object: an instance as in plugins.json")]);
        }

        if (written.TryGetPropertyValue("id", out var bodyId)
            && !(bodyId is JsonValue value && value.TryGetValue<string>(out var text) && text == id))
        {
            return ConfigProblems.Invalid("Invalid instance", [new ValidationError("id", $"must be '{id}', the id in the URL, or be left out")]);
        }

        // The id first, as people write it.
        var entry = new JsonObject { ["id"] = id };
        foreach (var (key, node) in written.Where(p => p.Key != "id"))
        {
            entry[key] = node?.DeepClone();
        }

        var (disk, old, unreadable) = await ReadEntryAsync(store, id, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (Preconditions.Check(context.Request, VersionOf(old), $"instance '{id}'") is { } stale)
        {
            return stale;
        }

        // A config read from the API shows secrets masked; sent back unchanged, the mask keeps the secret on disk.
        if (entry["config"] is JsonObject edited && entry["plugin"] is JsonValue plugin && plugin.TryGetValue<string>(out var pluginName))
        {
            var restored = secrets.Restore(pluginName, edited, old?["config"] as JsonObject);
            if (!restored.IsValid)
            {
                return ConfigProblems.Invalid("Invalid instance", [.. restored.Errors.Select(e => e with { Path = "config." + e.Path })]);
            }

            entry["config"] = restored.Config;
        }

        var newText = PluginsFileEditor.PutInstance(disk, entry);
        var document = PluginsFileParser.Parse(newText);
        if (document.Instances.FirstOrDefault(d => d.Id == id) is not { } definition)
        {
            return ConfigProblems.Invalid("Invalid instance", [.. document.Errors.Select(Relative)]);
        }

        if (ConfigChangeCheck.Instance(definition, catalog) is { Count: > 0 } errors)
        {
            return ConfigProblems.Invalid("Invalid instance", [.. errors.Select(Relative)]);
        }

        if (await SaveAsync(store, newText, disk, context.Request, $"instance '{id}'", VersionOf(old), cancellationToken) is { } failed)
        {
            return failed;
        }

        audit.Record(new AuditEntry(AuditActor.Of(context.User), AuditActions.InstancePut, id, ConfigChangeDetail.Between(disk, newText, secrets)));
        await supervisor.ReconcileAsync(cancellationToken);
        context.Response.Headers[HeaderNames.ETag] = $"\"{definition.Version}\"";
        var response = supervisor.GetInstance(id) is { } status ? InstanceResponse.From(status) : null;
        return old is null ? Results.Created($"/api/instances/{id}", response) : Results.Ok(response);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ConfigStore store,
        InstanceSupervisor supervisor, ConfigSecrets secrets, IAuditLog audit, CancellationToken cancellationToken)
    {
        var (disk, old, unreadable) = await ReadEntryAsync(store, id, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (old is null)
        {
            return NotFound(id);
        }

        if (Preconditions.Check(context.Request, VersionOf(old), $"instance '{id}'") is { } stale)
        {
            return stale;
        }

        var newText = PluginsFileEditor.RemoveInstance(disk, id)!;
        if (await SaveAsync(store, newText, disk, context.Request, $"instance '{id}'", VersionOf(old), cancellationToken) is { } failed)
        {
            return failed;
        }

        audit.Record(new AuditEntry(AuditActor.Of(context.User), AuditActions.InstanceDelete, id, ConfigChangeDetail.Between(disk, newText, secrets)));
        await supervisor.ReconcileAsync(cancellationToken);
        return Results.NoContent();
    }

    // The file as on disk and the instance's entry in it, or the problem of a file that cannot be read.
    private static async Task<(string? Disk, JsonObject? Entry, IResult? Unreadable)> ReadEntryAsync(ConfigStore store, string id,
        CancellationToken cancellationToken)
    {
        var disk = await store.ReadFileAsync(cancellationToken);
        try
        {
            return (disk, PluginsFileEditor.FindInstance(disk, id), null);
        }
        catch (ConfigFormatException ex)
        {
            return (disk, null, ConfigProblems.Unreadable(ex));
        }
    }

    // Saved against the version read, so an edit made on disk in between is never overwritten.
    private static async Task<IResult?> SaveAsync(ConfigStore store, string newText, string? disk, HttpRequest request,
        string what, string? current, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveAsync(newText, disk is null ? PluginsDocument.Empty.Version : PluginsFileParser.Hash(disk), cancellationToken);
            return null;
        }
        catch (ConfigConflictException ex)
        {
            return Preconditions.IfMatch(request) is { } sent
                ? Preconditions.Failed(what, string.Join(", ", sent), current)
                : ConfigProblems.Concurrent(ex);
        }
    }

    // The version GET gives as the ETag: the hash of the entry as written.
    private static string? VersionOf(JsonObject? entry) => entry is null ? null : PluginsFileParser.Hash(entry.ToJsonString());

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

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Instance not found",
            detail: $"No instance with id '{id}' is configured in plugins.json.");
}
