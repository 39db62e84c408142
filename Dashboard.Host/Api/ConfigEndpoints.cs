using Dashboard.Core.Audit;
using Dashboard.Core.Configuration;
using Dashboard.Core.Configuration.Editing;
using Dashboard.Host.Security;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Host.Api;

/// <summary>
/// <c>GET /api/config</c>: which <c>plugins.json</c> is in force, and why the file on disk is not, if it is not.
/// <c>PUT /api/config</c> (admin): replaces the whole file with the text sent, as the raw editor does; it must name
/// the version it edited in <c>If-Match</c> (or <c>*</c> to overwrite) and pass every check, else nothing is written.
/// </summary>
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
        endpoints.MapPut("/api/config", SaveAsync).RequireRole(DashboardRole.Admin);
    }

    private static async Task<IResult> SaveAsync(HttpContext context, ConfigStore store, ConfigFileEditor editor, CancellationToken cancellationToken)
    {
        if (Preconditions.IfMatch(context.Request) is not { Count: > 0 } versions)
        {
            return Results.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
                detail: "Send the version you edited (GET /api/config's version) in If-Match, or * to overwrite whatever is there.");
        }

        string text;
        using (var reader = new StreamReader(context.Request.Body))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        var result = await editor.SaveAsync(text, versions.Contains("*") ? null : versions[0], AuditActor.Of(context.User), cancellationToken);
        switch (result)
        {
            case EditResult.Invalid invalid:
                return ConfigProblems.Invalid("Invalid plugins.json", invalid.Errors);
            case EditResult.Stale stale:
                return Preconditions.Failed("plugins.json", string.Join(", ", versions), stale.Current);
        }

        var document = PluginsFileParser.Parse(text);
        context.Response.Headers[HeaderNames.ETag] = $"\"{document.Version}\"";
        return Results.Ok(new { path = store.FilePath, version = document.Version, instances = document.Instances.Count });
    }
}
