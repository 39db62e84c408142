using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Host.Tests.Security;
using Dashboard.Tests;

namespace Dashboard.Host.Tests.Admin;

public sealed class PluginUploadTests : IAsyncLifetime
{
    private const string Config = """
        { "instances": [ { "id": "c", "plugin": "Counting", "config": { "interval_ms": 200 } } ] }
        """;

    private static readonly Dictionary<string, string> Limits = new()
    {
        ["Dashboard:Plugins:Upload:MaxBytes"] = (2 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Dashboard:Plugins:Upload:MaxUnpackedBytes"] = (4 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Dashboard:Plugins:Upload:MaxEntries"] = "50",
    };

    private DashboardHost _host = null!;

    public Task InitializeAsync()
    {
        _host = AdminHost.Start(Config, Limits);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Installing_a_zip_loads_the_plugin_and_its_waiting_instance_starts_collecting()
    {
        await _host.InstanceWhenAsync("c", i => i.GetProperty("state").GetString() == "waiting", "the instance waits for its plugin");

        using var response = await _host.Client.PostAsync("/api/plugins", AdminHost.Form(TestZips.OfPlugin("Counting"), "Counting.zip"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Counting", false, 4), (body.GetProperty("name").GetString(), body.GetProperty("replaced").GetBoolean(), body.GetProperty("files").GetInt32()));
        var plugin = Assert.Single(body.GetProperty("plugins").EnumerateArray());
        Assert.Equal(("loaded", "1.0.0"), (plugin.GetProperty("state").GetString(), plugin.GetProperty("version").GetString()));
        Assert.True(File.Exists(Path.Combine(_host.PluginsPath, "Counting", "Counting.dll")));
        await _host.InstanceWhenAsync("c", i => i.GetProperty("collects").GetInt64() >= 1, "the instance collects with the installed plugin");

        var audit = Assert.Single(await _host.AuditAsync(), e => e.Action == AuditActions.PluginInstall);
        Assert.Equal(("apikey:admin", "Counting"), (audit.Actor, audit.Target));
        Assert.StartsWith("version 1.0.0, 4 files, ", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploading_another_version_replaces_the_folder_and_the_catalog_reloads_it()
    {
        using (var first = await _host.Client.PostAsync("/api/plugins?name=Counting", AdminHost.ZipBody(TestZips.OfPlugin("Counting"))))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        await _host.InstanceWhenAsync("c", i => i.GetProperty("collects").GetInt64() >= 1, "version 1 collects");

        using var response = await _host.Client.PostAsync("/api/plugins", AdminHost.ZipBody(TestZips.OfPlugin("CountingV2", topFolder: "Counting")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("replaced").GetBoolean());
        Assert.Equal("2.0.0", body.GetProperty("plugins")[0].GetProperty("version").GetString());
        var listed = Assert.Single((await _host.GetAsync("/api/plugins")).EnumerateArray(), p => p.GetProperty("state").GetString() == "loaded");
        Assert.Equal("2.0.0", listed.GetProperty("version").GetString());
        await Eventually.TrueAsync(async () => (await _host.GetAsync("/api/instances/c/latest")).GetRawText().Contains("\"generation\":\"2\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the instance collects with version 2");
        Assert.Contains(await _host.AuditAsync(), e => e.Action == AuditActions.PluginInstall && e.Detail!.Contains("replacing the previous copy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Removing_a_plugin_unloads_it_and_its_instance_waits_again()
    {
        _host.AddPlugin("Counting");
        await _host.InstanceWhenAsync("c", i => i.GetProperty("collects").GetInt64() >= 1, "the instance collects");

        using var response = await _host.Client.DeleteAsync("/api/plugins/Counting");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unloaded", body.GetProperty("plugins")[0].GetProperty("state").GetString());
        Assert.False(Directory.Exists(Path.Combine(_host.PluginsPath, "Counting")));
        await _host.InstanceWhenAsync("c", i => i.GetProperty("state").GetString() == "waiting", "the instance waits for its plugin");
        Assert.Contains(await _host.AuditAsync(), e => (e.Action, e.Target, e.Detail) == (AuditActions.PluginRemove, "Counting", "version 1.0.0 removed"));

        using var again = await _host.Client.DeleteAsync("/api/plugins/Counting");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Reloading_a_plugin_unloads_and_loads_it_again()
    {
        _host.AddPlugin("Counting");
        await _host.InstanceWhenAsync("c", i => i.GetProperty("collects").GetInt64() >= 1, "the instance collects");
        var before = (await _host.GetAsync("/api/plugins"))[0].GetProperty("changedAt").GetDateTimeOffset();

        using var response = await _host.Client.PostAsync("/api/plugins/Counting/reload", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plugin = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plugins")[0];
        Assert.Equal("loaded", plugin.GetProperty("state").GetString());
        Assert.True(plugin.GetProperty("changedAt").GetDateTimeOffset() > before);
        Assert.Contains(await _host.AuditAsync(), e => e.Action == AuditActions.PluginReload && e.Detail == "version 1.0.0 → 1.0.0; loaded: Counting");
        await _host.InstanceWhenAsync("c", i => i.GetProperty("state").GetString() == "running", "the instance runs on the reloaded plugin");

        using var unknown = await _host.Client.PostAsync("/api/plugins/Nothing/reload", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("dotdot", "'..' segment")]
    [InlineData("nested-dotdot", "'..' segment")]
    [InlineData("absolute", "absolute path")]
    [InlineData("drive", "backslash")]
    [InlineData("symlink", "symbolic link")]
    [InlineData("too-many", "more than the 50 allowed")]
    [InlineData("bomb", "more than 4194304 bytes")]
    [InlineData("not-a-zip", "not a zip archive")]
    [InlineData("truncated", "truncated")]
    public async Task A_hostile_or_broken_zip_is_refused_and_leaves_everything_as_it_was(string kind, string reason)
    {
        _host.AddPlugin("Counting");
        await _host.InstanceWhenAsync("c", i => i.GetProperty("collects").GetInt64() >= 1, "the instance collects");
        var before = AdminHost.Snapshot(_host.PluginsPath);

        using var response = await _host.Client.PostAsync("/api/plugins", AdminHost.Form(Zip(kind), "Counting.zip"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, AdminHost.Snapshot(_host.PluginsPath));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Path.GetDirectoryName(_host.PluginsPath)!, ".plugin-staging")));
        Assert.Equal("running", (await _host.InstanceAsync("c")).GetProperty("state").GetString());
        Assert.DoesNotContain(await _host.AuditAsync(), e => e.Action == AuditActions.PluginInstall);
    }

    [Fact]
    public async Task A_refused_entry_is_named_in_the_problem()
    {
        using var response = await _host.Client.PostAsync("/api/plugins",
            AdminHost.Form(TestZips.Raw(TestZips.File("Evil.dll"), TestZips.File("../evil.dll")), "Evil.zip"));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("../evil.dll", problem.GetProperty("entry").GetString());
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_host.PluginsPath)!, "evil.dll")));
    }

    [Fact]
    public async Task An_upload_above_the_size_cap_is_413_whether_its_length_is_declared_or_not()
    {
        var large = new byte[3 << 20];
        Random.Shared.NextBytes(large);

        using var declared = await _host.Client.PostAsync("/api/plugins?name=Large", AdminHost.ZipBody(large));
        using var streamed = new StreamContent(new UnknownLength(large));
        streamed.Headers.ContentType = new("application/zip");
        using var chunked = await _host.Client.PostAsync("/api/plugins?name=Large", streamed);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Contains("Dashboard:Plugins:Upload:MaxBytes", (await chunked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_host.PluginsPath));
        using var health = await _host.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Another_media_type_is_415()
    {
        using var response = await _host.Client.PostAsync("/api/plugins", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/plugins")]
    [InlineData("DELETE", "/api/plugins/Counting")]
    [InlineData("POST", "/api/plugins/Counting/reload")]
    public async Task The_plugin_write_routes_answer_401_without_a_key_and_403_to_a_viewer(string method, string path)
    {
        _host.AddPlugin("Counting");
        await _host.InstanceWhenAsync("c", i => i.GetProperty("collects").GetInt64() >= 1, "the instance collects");
        var before = AdminHost.Snapshot(_host.PluginsPath);

        foreach (var (key, expected) in new[] { ((string?)null, HttpStatusCode.Unauthorized), (TestKeys.Viewer, HttpStatusCode.Forbidden) })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path).With(key);
            request.Content = method == "POST" ? AdminHost.ZipBody(TestZips.OfPlugin("CountingV2")) : null;
            using var response = await _host.Anonymous.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }

        Assert.Equal(before, AdminHost.Snapshot(_host.PluginsPath));
        Assert.DoesNotContain(await _host.AuditAsync(), e => e.Action.StartsWith("plugin.", StringComparison.Ordinal));
    }

    private static byte[] Zip(string kind) => kind switch
    {
        "dotdot" => TestZips.Raw(TestZips.File("Counting.dll"), TestZips.File("../evil.dll")),
        "nested-dotdot" => TestZips.Raw(TestZips.File("Counting.dll"), TestZips.File("a/../../b")),
        "absolute" => TestZips.Raw(TestZips.File("Counting.dll"), TestZips.File("/etc/x")),
        "drive" => TestZips.Raw(TestZips.File("Counting.dll"), TestZips.File("C:\\x")),
        "symlink" => TestZips.Raw(TestZips.File("Counting.dll"), TestZips.Symlink("link", "/etc/passwd")),
        "too-many" => TestZips.Raw([.. Enumerable.Range(0, 51).Select(i => TestZips.File($"f{i}.dll"))]),
        "bomb" => TestZips.Raw(TestZips.Bomb("Counting.dll", 1u << 30)),
        "not-a-zip" => "PK but not really a zip archive"u8.ToArray(),
        "truncated" => TestZips.OfPlugin("Counting")[..2000],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // A body whose length HttpClient cannot know, so it is sent chunked and only counting can cut it.
    private sealed class UnknownLength(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
