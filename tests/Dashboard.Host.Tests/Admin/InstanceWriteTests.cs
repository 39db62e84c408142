using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Host.Tests.Security;

namespace Dashboard.Host.Tests.Admin;

public sealed class InstanceWriteTests : IAsyncLifetime
{
    private const string Initial = """
        { "instances": [ { "id": "a", "plugin": "Counting", "config": { "interval_ms": 200 } } ] }
        """;

    private DashboardHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = AdminHost.Start(Initial, null, "Counting");
        await _host.InstanceWhenAsync("a", i => i.GetProperty("collects").GetInt64() >= 1, "the first collect");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Put_creates_an_instance_that_runs_answers_its_etag_and_is_audited_with_a_diff()
    {
        using var response = await PutAsync("/api/instances/b", """{ "plugin": "Counting", "labels": { "env": "test" }, "config": { "interval_ms": 300 } }""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var etag = response.Headers.ETag?.Tag;
        Assert.NotNull(etag);
        await _host.InstanceWhenAsync("b", i => i.GetProperty("collects").GetInt64() >= 1, "b collects");
        using var get = await _host.Client.GetAsync("/api/instances/b");
        Assert.Equal(etag, get.Headers.ETag?.Tag);
        var file = JsonDocument.Parse(await File.ReadAllTextAsync(_host.ConfigPath)).RootElement.GetProperty("instances");
        Assert.Equal(["a", "b"], file.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var audit = Assert.Single(await _host.AuditAsync(), e => e.Action == AuditActions.InstancePut);
        Assert.Equal(("apikey:admin", "b"), (audit.Actor, audit.Target));
        Assert.StartsWith("instance b: added: plugin \"Counting\"", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("\"interval_ms\":300", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_with_an_invalid_config_is_400_naming_each_field_and_writes_nothing()
    {
        var before = await File.ReadAllBytesAsync(_host.ConfigPath);

        using var response = await PutAsync("/api/instances/a", """{ "plugin": "Counting", "config": { "interval_ms": 5, "colour": "red" } }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("config.interval_ms", errors);
        Assert.Contains("config.colour", errors);
        Assert.Equal(before, await File.ReadAllBytesAsync(_host.ConfigPath));
        Assert.DoesNotContain(await _host.AuditAsync(), e => e.Action == AuditActions.InstancePut);
    }

    [Fact]
    public async Task Put_with_a_wrong_shape_is_400_naming_the_field()
    {
        using var labels = await PutAsync("/api/instances/a", """{ "plugin": "Counting", "labels": { "env": 1 }, "config": { "interval_ms": 200 } }""");
        using var id = await PutAsync("/api/instances/a", """{ "id": "other", "plugin": "Counting", "config": { "interval_ms": 200 } }""");
        using var notJson = await PutAsync("/api/instances/a", "{ nope");

        Assert.Equal("labels.env", await FirstErrorPathAsync(labels));
        Assert.Equal("id", await FirstErrorPathAsync(id));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task Put_honours_if_match_412_on_a_stale_version_and_the_diff_shows_the_change()
    {
        using var get = await _host.Client.GetAsync("/api/instances/a");
        var etag = get.Headers.ETag!.Tag;
        var before = await File.ReadAllBytesAsync(_host.ConfigPath);

        using var stale = await PutAsync("/api/instances/a", """{ "plugin": "Counting", "config": { "interval_ms": 300 } }""", "\"0123456789abcdef\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("changed since version 0123456789abcdef", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(_host.ConfigPath));

        using var current = await PutAsync("/api/instances/a", """{ "plugin": "Counting", "config": { "interval_ms": 300 } }""", etag);

        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.NotEqual(etag, current.Headers.ETag?.Tag);
        await _host.InstanceWhenAsync("a", i => i.GetProperty("config").GetProperty("interval_ms").GetInt32() == 300, "a runs every 300 ms");
        var audit = Assert.Single(await _host.AuditAsync(), e => e.Action == AuditActions.InstancePut);
        Assert.Equal("instance a: config.interval_ms 200 → 300", audit.Detail);

        using var again = await PutAsync("/api/instances/a", """{ "plugin": "Counting", "config": { "interval_ms": 400 } }""", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, again.StatusCode);
    }

    [Fact]
    public async Task Delete_removes_the_instance_honouring_if_match()
    {
        using var get = await _host.Client.GetAsync("/api/instances/a");

        using var stale = await SendAsync(HttpMethod.Delete, "/api/instances/a", null, "\"0123456789abcdef\"");
        using var deleted = await SendAsync(HttpMethod.Delete, "/api/instances/a", null, get.Headers.ETag!.Tag);
        using var again = await SendAsync(HttpMethod.Delete, "/api/instances/a", null, null);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var gone = await _host.Client.GetAsync("/api/instances/a");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(JsonDocument.Parse(await File.ReadAllTextAsync(_host.ConfigPath)).RootElement.GetProperty("instances").EnumerateArray());
        var audit = Assert.Single(await _host.AuditAsync(), e => e.Action == AuditActions.InstanceDelete);
        Assert.Equal("instance a: removed", audit.Detail);
    }

    [Fact]
    public async Task Put_config_replaces_the_file_when_its_version_matches_and_keeps_the_old_one()
    {
        var version = (await _host.GetAsync("/api/config")).GetProperty("version").GetString()!;
        const string Text = """
            { "instances": [
              // edited in the raw editor
              { "id": "a", "plugin": "Counting", "config": { "interval_ms": 250, "greeting": "raw" } } ] }
            """;

        using var missing = await SendAsync(HttpMethod.Put, "/api/config", Text, null);
        using var saved = await SendAsync(HttpMethod.Put, "/api/config", Text, version);
        using var stale = await SendAsync(HttpMethod.Put, "/api/config", Text, version);

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(Text, await File.ReadAllTextAsync(_host.ConfigPath));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        await _host.InstanceWhenAsync("a", i => i.GetProperty("config").GetProperty("greeting").GetString() == "raw", "the saved config runs");
        Assert.Single(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(_host.ConfigPath)!, "data", "config-history")));
        var audit = Assert.Single(await _host.AuditAsync(), e => e.Action == AuditActions.ConfigSave);
        Assert.Equal("plugins.json", audit.Target);
        Assert.Contains("instance a: config.interval_ms 200 → 250", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("instance a: config.greeting", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_config_with_an_invalid_instance_is_400_with_its_path_and_writes_nothing()
    {
        var version = (await _host.GetAsync("/api/config")).GetProperty("version").GetString()!;
        var before = await File.ReadAllBytesAsync(_host.ConfigPath);

        using var invalid = await SendAsync(HttpMethod.Put, "/api/config",
            """{ "instances": [ { "id": "a", "plugin": "Counting", "config": { "interval_ms": 5 } } ] }""", version);
        using var notJson = await SendAsync(HttpMethod.Put, "/api/config", "{ \"instances\": [", version);

        Assert.Equal("instances[0].config.interval_ms", await FirstErrorPathAsync(invalid));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("not valid JSON", (await notJson.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(_host.ConfigPath));
    }

    [Theory]
    [InlineData("PUT", "/api/instances/a")]
    [InlineData("DELETE", "/api/instances/a")]
    [InlineData("PUT", "/api/config")]
    public async Task The_config_write_routes_answer_401_without_a_key_and_403_to_a_viewer(string method, string path)
    {
        var before = await File.ReadAllBytesAsync(_host.ConfigPath);

        foreach (var (key, expected) in new[] { ((string?)null, HttpStatusCode.Unauthorized), (TestKeys.Viewer, HttpStatusCode.Forbidden) })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path).With(key);
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            request.Content = method == "PUT" ? new StringContent("""{ "instances": [] }""", Encoding.UTF8, "application/json") : null;
            using var response = await _host.Anonymous.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }

        Assert.Equal(before, await File.ReadAllBytesAsync(_host.ConfigPath));
    }

    private Task<HttpResponseMessage> PutAsync(string path, string json, string? ifMatch = null) =>
        SendAsync(HttpMethod.Put, path, json, ifMatch);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _host.Client.SendAsync(request);
    }

    private static async Task<string?> FirstErrorPathAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("path").GetString();
    }
}
