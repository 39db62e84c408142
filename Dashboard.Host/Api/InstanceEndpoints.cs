using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Core.Audit;
using Dashboard.Core.Collection;
using Dashboard.Core.Configuration;
using Dashboard.Core.Configuration.Editing;
using Dashboard.Core.Instances;
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

    private static async Task<IResult> PutAsync(string id, HttpContext context, InstanceEditor editor, InstanceSupervisor supervisor,
        CancellationToken cancellationToken)
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

        var result = await editor.PutAsync(id, written, Expected(context.Request), AuditActor.Of(context.User), cancellationToken);
        if (result is not EditResult.Saved saved)
        {
            return Problem(result, id, context.Request);
        }

        context.Response.Headers[HeaderNames.ETag] = $"\"{saved.Version}\"";
        var response = supervisor.GetInstance(id) is { } status ? InstanceResponse.From(status) : null;
        return saved.Created ? Results.Created($"/api/instances/{id}", response) : Results.Ok(response);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, InstanceEditor editor, CancellationToken cancellationToken)
    {
        var result = await editor.DeleteAsync(id, Expected(context.Request), AuditActor.Of(context.User), cancellationToken);
        return result is EditResult.Saved ? Results.NoContent() : Problem(result, id, context.Request);
    }

    private static ExpectedVersion Expected(HttpRequest request) =>
        Preconditions.IfMatch(request) is { } versions ? ExpectedVersion.OneOf(versions) : ExpectedVersion.Any;

    private static IResult Problem(EditResult result, string id, HttpRequest request) => result switch
    {
        EditResult.Invalid invalid => ConfigProblems.Invalid("Invalid instance", invalid.Errors),
        EditResult.Unreadable unreadable => ConfigProblems.Unreadable(unreadable.Message),
        EditResult.NotFound => NotFound(id),
        EditResult.Stale stale => Preconditions.Failed($"instance '{id}'", Sent(request), stale.Current),
        EditResult.Conflict conflict => Preconditions.IfMatch(request) is not null
            ? Preconditions.Failed($"instance '{id}'", Sent(request), conflict.Current)
            : ConfigProblems.Concurrent(conflict.Message),
        _ => throw new InvalidOperationException($"unexpected edit result {result}"),
    };

    private static string Sent(HttpRequest request) => string.Join(", ", Preconditions.IfMatch(request) ?? []);

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Instance not found",
            detail: $"No instance with id '{id}' is configured in plugins.json.");
}
