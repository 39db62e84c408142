namespace Dashboard.Host.Server;

/// <summary>
/// Serving under a path prefix behind a reverse proxy (<c>Dashboard:Server:PathBase</c>, for example <c>/dashboard</c>).
/// The proxy forwards the prefix unchanged; the host strips it into <c>Request.PathBase</c>, and the UI's
/// <c>&lt;base href&gt;</c>, links, login redirects and chart requests follow it.
/// </summary>
internal static class PathBase
{
    /// <summary>The configuration key.</summary>
    public const string Key = "Dashboard:Server:PathBase";

    /// <summary>Strips the configured prefix, then routes; without a prefix, routing stays where the framework puts it.</summary>
    public static WebApplication UseDashboardPathBase(this WebApplication app)
    {
        var value = app.Configuration[Key];
        if (string.IsNullOrEmpty(value))
        {
            return app;
        }

        if (!value.StartsWith('/') || value.EndsWith('/') || value.Contains("//", StringComparison.Ordinal) || value.Contains('?') || value.Contains('#'))
        {
            throw new InvalidOperationException(
                $"{Key} is '{value}': it must start with '/', not end with '/', and hold only a path (for example '/dashboard').");
        }

        app.UsePathBase(value);
        // Routing must come after the prefix is stripped, or no endpoint matches the prefixed paths.
        app.UseRouting();
        return app;
    }
}
