using Dashboard.Core.Collection;
using Dashboard.Core.Instances;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Host.Api;

/// <summary><c>GET /api/instances</c>, <c>/api/instances/{id}</c> (with an <c>ETag</c>) and <c>/api/instances/{id}/latest</c>.</summary>
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
    }

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Instance not found",
            detail: $"No instance with id '{id}' is configured in plugins.json.");
}
