using Dashboard.Core.Configuration;

namespace Dashboard.Host.Api;

/// <summary><c>GET /api/config</c>: which <c>plugins.json</c> is in force, and why the file on disk is not, if it is not.</summary>
internal static class ConfigEndpoints
{
    public static void MapConfigEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/config", (ConfigStore store) => new
        {
            path = store.FilePath,
            version = store.Current.Version,
            loadedAt = store.LoadedAt,
            loadError = store.LoadError,
            errors = store.Current.Errors,
        });
    }
}
