using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Host.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Host.Tests.Security;

/// <summary>
/// Walks the host's whole route table: every route declares its access, and every route that is not public answers
/// 401 without credentials, 403 with a lower role, and neither with its own role.
/// </summary>
public sealed partial class RouteAccessTests
{
    [Fact]
    public async Task Every_route_declares_its_access_and_enforces_it()
    {
        await using var host = DashboardHost.Start(TestKeys.Settings(), """{ "instances": [] }""");
        var routes = host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();

        // MapStaticAssets adds, in Development only, a fallback for files changed since the build, without its
        // conventions: it falls under the admin-only fallback policy and is scanned as admin below.
        var undeclared = routes.Where(r => r.Metadata.GetMetadata<EndpointRole>() is null && !IsDevelopmentAssetFallback(r)).Select(Describe).ToList();
        Assert.True(undeclared.Count == 0, "routes without RequireRole/AllowPublic: " + string.Join(", ", undeclared));

        var failures = new List<string>();
        var checkedRoutes = 0;
        foreach (var route in routes)
        {
            if (EffectiveRole(route) is not { } role)
            {
                continue;
            }

            checkedRoutes++;
            var path = SamplePath(route);
            foreach (var method in route.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                await ExpectAsync(host, method, path, null, HttpStatusCode.Unauthorized, failures);
                await ExpectAsync(host, method, path, LowerThan(role), HttpStatusCode.Forbidden, failures);
                await ExpectAllowedAsync(host, method, path, KeyOf(role), failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(checkedRoutes >= 20, $"only {checkedRoutes} protected routes were found");
    }

    [Fact]
    public async Task The_remote_write_route_is_the_writers_and_the_admin_routes_are_the_admins()
    {
        await using var host = DashboardHost.Start(TestKeys.Settings(), """{ "instances": [] }""");
        var routes = host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();

        DashboardRole? RoleOf(string pattern) =>
            routes.First(r => r.RoutePattern.RawText == pattern).Metadata.GetMetadata<EndpointRole>()!.Role;

        Assert.Equal(DashboardRole.Writer, RoleOf("/api/v1/write"));
        Assert.Equal(DashboardRole.Viewer, RoleOf("/api/v1/query"));
        Assert.Null(RoleOf("/healthz"));
        Assert.Null(RoleOf("/login"));
    }

    private static async Task ExpectAsync(DashboardHost host, string method, string path, string? key, HttpStatusCode expected, List<string> failures)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path).With(key);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await host.Anonymous.SendAsync(request);
        if (response.StatusCode != expected)
        {
            failures.Add($"{method} {path} with {key ?? "no key"}: expected {(int)expected}, got {(int)response.StatusCode}");
        }
    }

    private static async Task ExpectAllowedAsync(DashboardHost host, string method, string path, string key, List<string> failures)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path).With(key);
        request.Headers.Accept.ParseAdd("application/json");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await host.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            failures.Add($"{method} {path} with its own role's key: got {(int)response.StatusCode}");
        }
    }

    // The declared role, raised to admin where a page asks for it with [Authorize(Roles = "admin")] (the UI's own way,
    // since it cannot see the host's conventions); an undeclared route falls under the admin-only fallback.
    private static DashboardRole? EffectiveRole(RouteEndpoint route)
    {
        var declared = (route.Metadata.GetMetadata<EndpointRole>() ?? new EndpointRole(DashboardRole.Admin)).Role;
        var adminPage = route.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
            .Any(a => a.Roles?.Split(',').Contains("admin") == true);
        return adminPage ? DashboardRole.Admin : declared;
    }

    private static string LowerThan(DashboardRole role) => role == DashboardRole.Viewer ? TestKeys.Writer : TestKeys.Viewer;

    private static string KeyOf(DashboardRole role) => role switch
    {
        DashboardRole.Viewer => TestKeys.Viewer,
        DashboardRole.Writer => TestKeys.Writer,
        _ => TestKeys.Admin,
    };

    // Route parameters get a harmless value; a catch-all gets a path that names no file.
    private static string SamplePath(RouteEndpoint route)
    {
        var text = "/" + (route.RoutePattern.RawText ?? "").TrimStart('/');
        return Parameter().Replace(text, "x");
    }

    private static bool IsDevelopmentAssetFallback(RouteEndpoint route) =>
        route.RoutePattern.RawText == "{**path:file}" && route.Metadata.Any(m => m.GetType().Name == "FallbackMetadata");

    private static string Describe(RouteEndpoint route) => $"{route.RoutePattern.RawText} ({route.DisplayName})";

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
