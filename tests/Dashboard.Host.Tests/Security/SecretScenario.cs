using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Configuration.Secrets;
using Dashboard.Tests;

namespace Dashboard.Host.Tests.Security;

/// <summary>
/// A host configured with a secret everywhere one can go (API keys, scrape bearer token and basic auth password,
/// remote_write credentials, the query source's token) against a loopback server that refuses them all with 401, and
/// the calls and edits that could leak them: failing scrapes, failing sends and queries, edits of plugins.json on disk
/// (valid and invalid), and calls with wrong keys.
/// </summary>
internal sealed class SecretScenario : IDisposable
{
    private readonly ConcurrentBag<string> _authorizations = [];
    private readonly LoopbackListener _refusing;
    private readonly TempFolder _folder = new();

    public SecretScenario()
    {
        _refusing = new LoopbackListener([LoopbackListener.FreePort()], RefuseAsync, concurrently: true);
        Directory.CreateDirectory(PluginsPath);
        TestPaths.CopyPlugin(TestPaths.ShippedPlugin("Dashboard.Plugins.PrometheusScrape"), PluginsPath, "Dashboard.Plugins.PrometheusScrape");
        File.WriteAllText(ConfigPath, PluginsJson(ScrapeToken, ScrapePassword));
    }

    public string AdminKey { get; } = Secret("admin-key");

    public string WriterKey { get; } = Secret("writer-key");

    public string ScrapeToken { get; } = Secret("scrape-token");

    public string ScrapePassword { get; } = Secret("scrape-password");

    public string EditedToken { get; } = Secret("edited-token");

    public string EditedPassword { get; } = Secret("edited-password");

    public string NameRuleKey { get; } = Secret("name-rule-key");

    public string RefusedFileToken { get; } = Secret("refused-file-token");

    public string RemoteWritePassword { get; } = Secret("remote-write-password");

    public string RemoteWriteHeader { get; } = Secret("remote-write-header");

    public string QueryToken { get; } = Secret("query-token");

    public string WrongKey { get; } = Secret("wrong-key");

    public string PluginsPath => _folder.Combine("plugins");

    public string ConfigPath => _folder.Combine("plugins.json");

    public string DataPath => _folder.Combine("data");

    public string AuditPath => Path.Combine(DataPath, "audit", "audit.log");

    /// <summary>Every string that must never show: the secrets, and the basic auth headers made of them.</summary>
    public IReadOnlyList<string> Forbidden =>
    [
        AdminKey, WriterKey, ScrapeToken, ScrapePassword, EditedToken, EditedPassword, NameRuleKey, RefusedFileToken,
        RemoteWritePassword, RemoteWriteHeader, QueryToken, WrongKey,
        Basic("scraper", ScrapePassword), Basic("scraper", EditedPassword), Basic("rw-user", RemoteWritePassword),
    ];

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Dashboard:PluginsPath"] = PluginsPath,
        ["Dashboard:PluginsConfigPath"] = ConfigPath,
        ["Dashboard:DataPath"] = DataPath,
        ["Dashboard:Auth:Mode"] = "ApiKey",
        ["Dashboard:Auth:AdminApiKey"] = AdminKey,
        ["Dashboard:Auth:WriterApiKey"] = WriterKey,
        ["Dashboard:RemoteWrite:Remotes:0:Name"] = "refusing",
        ["Dashboard:RemoteWrite:Remotes:0:Url"] = Url("/write"),
        ["Dashboard:RemoteWrite:Remotes:0:BasicAuth:Username"] = "rw-user",
        ["Dashboard:RemoteWrite:Remotes:0:BasicAuth:Password"] = RemoteWritePassword,
        ["Dashboard:RemoteWrite:Remotes:0:Headers:X-Api-Key"] = RemoteWriteHeader,
        ["Dashboard:RemoteWrite:Remotes:0:BatchSendDeadline"] = "00:00:00.200",
        ["Dashboard:Query:Remote:Url"] = Url("/prometheus"),
        ["Dashboard:Query:Remote:BearerToken"] = QueryToken,
    };

    /// <summary>Runs the calls and edits; returns the body of every API answer, for the caller to search.</summary>
    public async Task<IReadOnlyList<string>> ExerciseAsync(HttpClient client)
    {
        var answers = new List<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);

        // The scrapes and the sends reach the refusing server with the secrets, and fail.
        await Eventually.TrueAsync(() => Task.FromResult(_authorizations.Contains($"Bearer {ScrapeToken}")
                && _authorizations.Contains(Basic("scraper", ScrapePassword))
                && _authorizations.Contains(Basic("rw-user", RemoteWritePassword))),
            TimeSpan.FromSeconds(30), "scrapes and a remote_write send with their credentials");
        answers.Add(await SendAsync(client, HttpMethod.Get, "/api/v1/query?query=up", null));
        Assert.Contains($"Bearer {QueryToken}", _authorizations);

        // Edits on disk: secrets changed, an instance of an unknown plugin with a secret by name only, then a file refused.
        await File.WriteAllTextAsync(ConfigPath, PluginsJson(EditedToken, EditedPassword, $$"""
            , { "id": "named", "plugin": "NotInstalled", "config": { "interval_ms": 1000, "api_key": "{{NameRuleKey}}" } }
            """));
        await Eventually.TrueAsync(async () => (await AuditTextAsync()).Contains("instance named: added", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), "the edit on disk audited");
        await Eventually.TrueAsync(() => Task.FromResult(_authorizations.Contains($"Bearer {EditedToken}")),
            TimeSpan.FromSeconds(15), "a scrape with the edited token");
        await File.WriteAllTextAsync(ConfigPath,
            $$"""{ "instances": [ { "id": "bearer", "plugin": "PrometheusScrape", "config": { "bearer_token": "{{RefusedFileToken}}" """);
        await Eventually.TrueAsync(async () => (await AuditTextAsync()).Contains("refused:", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), "the refused file audited");

        foreach (var path in (string[])["/api/instances", "/api/instances/bearer", "/api/instances/basic", "/api/instances/named",
            "/api/config", "/api/plugins", "/", "/metrics"])
        {
            answers.Add(await SendAsync(client, HttpMethod.Get, path, null));
        }

        // Wrong keys: on the API and on the remote_write receiver.
        answers.Add(await SendAsync(client, HttpMethod.Get, "/api/instances", WrongKey));
        answers.Add(await SendAsync(client, HttpMethod.Post, "/api/v1/write", WrongKey));
        answers.Add(await SendAsync(client, HttpMethod.Get, "/api/instances/bearer", $"{AdminKey}x"));
        return answers;
    }

    public Task<string> AuditTextAsync() =>
        File.Exists(AuditPath) ? File.ReadAllTextAsync(AuditPath) : Task.FromResult("");

    /// <summary>Fails naming each forbidden string found and where, with the line around it.</summary>
    public void AssertNoSecretIn(string where, IEnumerable<string> texts)
    {
        var leaks = (from text in texts
                     from secret in Forbidden
                     where text.Contains(secret, StringComparison.Ordinal)
                     select $"{where}: {text}").ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks:\n{string.Join("\n", leaks.Take(5))}");
    }

    /// <summary>The masked config shows the mask where the secret was, so the answers searched above were the right ones.</summary>
    public static void AssertMasked(JsonElement instance, params string[] path)
    {
        var value = instance.GetProperty("config");
        foreach (var name in path)
        {
            value = value.GetProperty(name);
        }

        Assert.Equal(SecretFields.MaskText, value.GetString());
    }

    public void Dispose()
    {
        _refusing.Dispose();
        _folder.Dispose();
    }

    private static string Secret(string name) => $"sekrit-{name}-{Guid.NewGuid():N}";

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static async Task<string> SendAsync(HttpClient client, HttpMethod method, string path, string? key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent([1, 2, 3]);
        }

        using var response = await client.SendAsync(request);
        return $"{method} {path} → {(int)response.StatusCode}: {response.Headers} {await response.Content.ReadAsStringAsync()}";
    }

    private string Url(string path) => $"http://127.0.0.1:{_refusing.Port}{path}";

    private string PluginsJson(string token, string password, string more = "") => $$"""
        { "instances": [
          { "id": "bearer", "plugin": "PrometheusScrape",
            "config": { "interval_ms": 200, "timeout_ms": 1000, "targets": [ { "url": "{{Url("/bearer")}}" } ], "bearer_token": "{{token}}" } },
          { "id": "basic", "plugin": "PrometheusScrape",
            "config": { "interval_ms": 200, "timeout_ms": 1000, "targets": [ { "url": "{{Url("/basic")}}" } ],
                        "basic_auth": { "username": "scraper", "password": "{{password}}" } } }
          {{more}} ] }
        """;

    private async Task RefuseAsync(HttpListenerContext context)
    {
        _authorizations.Add(context.Request.Headers["Authorization"] ?? "");
        context.Response.StatusCode = (int)HttpStatusCode.Unauthorized;
        context.Response.AddHeader("WWW-Authenticate", "Bearer");
        await context.Response.OutputStream.WriteAsync("unauthorized\n"u8.ToArray());
        context.Response.Close();
    }
}
