using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Host.Server;

namespace Dashboard.Host.Tests.Server;

/// <summary>The <c>query</c> rate limit on the real host: per address or signed-in caller, 429 with Retry-After and a problem, only where applied.</summary>
public sealed class RateLimitTests
{
    private const string NoInstances = """{ "instances": [] }""";

    [Fact]
    public async Task Queries_above_the_limit_get_429_with_retry_after_and_a_problem_naming_the_policy()
    {
        await using var host = DashboardHost.Start(QueryLimitOf3(), NoInstances);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await host.Client.GetAsync("/api/v1/query?query=vector(1)");
            statuses.Add(response.StatusCode);
        }

        using var refused = await host.Client.GetAsync("/api/v1/query_range?query=vector(1)&start=0&end=60&step=15");
        using var export = await host.Client.GetAsync("/api/v1/export?match[]=up&format=csv");
        using var instances = await host.Client.GetAsync("/api/instances");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = long.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("'query' rate limit (Dashboard:Server:RateLimits:query)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The export shares the query allowance; endpoints without a policy are not limited.
        Assert.Equal(HttpStatusCode.TooManyRequests, export.StatusCode);
        Assert.Equal(HttpStatusCode.OK, instances.StatusCode);
    }

    [Fact]
    public async Task Each_client_address_has_its_own_allowance()
    {
        await using var host = DashboardHost.Start(new Dictionary<string, string>(QueryLimitOf3()) { ["Urls"] = "http://127.0.0.1:0;http://[::1]:0" }, NoInstances);
        using var client = new HttpClient();
        var v4 = new Uri(host.Bound("http", "127.0.0.1"), "/api/v1/query?query=vector(1)");
        var v6 = new Uri(host.Bound("http", "[::1]"), "/api/v1/query?query=vector(1)");

        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync(v4)).Dispose();
        }

        using var fromV4 = await client.GetAsync(v4);
        using var fromV6 = await client.GetAsync(v6);

        Assert.Equal(HttpStatusCode.TooManyRequests, fromV4.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromV6.StatusCode);
    }

    [Fact]
    public async Task Each_signed_in_caller_has_their_own_allowance_from_the_same_address()
    {
        const string adminKey = "edge-test-admin-key", viewerKey = "edge-test-viewer-key";
        await using var host = DashboardHost.Start(new Dictionary<string, string>(QueryLimitOf3())
        {
            ["Dashboard:Auth:Mode"] = "ApiKey",
            ["Dashboard:Auth:AdminApiKey"] = adminKey,
            ["Dashboard:Auth:ApiKeys:0:Name"] = "grafana",
            ["Dashboard:Auth:ApiKeys:0:Role"] = "Viewer",
            ["Dashboard:Auth:ApiKeys:0:Sha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(viewerKey))),
        }, NoInstances);

        for (var i = 0; i < 3; i++)
        {
            (await QueryAsync(host, adminKey)).Dispose();
        }

        using var admin = await QueryAsync(host, adminKey);
        using var viewer = await QueryAsync(host, viewerKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, admin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
    }

    private static async Task<HttpResponseMessage> QueryAsync(DashboardHost host, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/query?query=vector(1)");
        request.Headers.Authorization = new("Bearer", key);
        return await host.Anonymous.SendAsync(request);
    }

    // A minute's window, so the allowance cannot refill during the test.
    private static Dictionary<string, string> QueryLimitOf3() => new()
    {
        [$"{RateLimitPolicyOptions.Section}:query:PermitLimit"] = "3",
        [$"{RateLimitPolicyOptions.Section}:query:Window"] = "00:01:00",
        [$"{RateLimitPolicyOptions.Section}:query:QueueLimit"] = "0",
    };
}
