using System.Text.Json.Nodes;
using Dashboard.Core.Plugins;

namespace Dashboard.Host.Api;

/// <summary><c>GET /api/plugins</c>: every plugin found, with its state and, when it failed, why.</summary>
internal static class PluginEndpoints
{
    public static void MapPluginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/plugins", (PluginCatalog catalog) =>
            catalog.GetPlugins().Select(p => new PluginResponse(p.Name, p.Version, p.Path, p.State, p.Error,
                p.ConfigSchema is null ? null : JsonNode.Parse(p.ConfigSchema), p.ChangedAt)));
    }

    private sealed record PluginResponse(string Name, string? Version, string Path, PluginState State, string? Error,
        JsonNode? ConfigSchema, DateTimeOffset ChangedAt);
}
