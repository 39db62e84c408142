using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Dashboard.Tests;

namespace Dashboard.Host.Tests.Security;

/// <summary>What the host does about security before it serves anything, seen from outside its process.</summary>
public sealed partial class StartupSecurityTests
{
    [Fact]
    public async Task Unsecured_mode_refuses_to_serve_beyond_loopback()
    {
        using var data = new TempFolder();
        await using var host = HostProcess.Start(Isolated(data, new Dictionary<string, string>
        {
            ["Urls"] = "http://0.0.0.0:0",
            ["Dashboard:Auth:Mode"] = "Unsecured",
        }));

        var exitCode = await host.ExitCodeAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("refuses to serve beyond loopback, but the host listens on http://0.0.0.0:", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsecured_mode_on_loopback_serves_everything_with_a_warning()
    {
        using var data = new TempFolder();
        await using var host = HostProcess.Start(Isolated(data, []));
        await host.WaitReadyAsync();

        using var config = await host.Client.GetAsync("/api/config");

        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        Assert.Contains("Dashboard:Auth:Mode is Unsecured", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_admin_key_one_is_generated_printed_once_and_kept_only_as_its_hash()
    {
        using var data = new TempFolder();
        var settings = Isolated(data, new Dictionary<string, string> { ["Dashboard:Auth:Mode"] = "ApiKey" });
        string key;
        await using (var first = HostProcess.Start(settings))
        {
            await first.WaitReadyAsync();
            key = PrintedKey().Match(first.Output).Groups[1].Value;
            Assert.NotEmpty(key);
            await first.StopAsync();
        }

        await using var second = HostProcess.Start(settings);
        await second.WaitReadyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/config");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await second.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestKeys.Sha256(key), File.ReadAllText(data.Combine("data", "auth", "admin-key.sha256")));
        Assert.DoesNotContain(key, second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("was generated", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_auth_setting_stops_the_host_at_start_naming_every_key()
    {
        using var data = new TempFolder();
        await using var host = HostProcess.Start(Isolated(data, new Dictionary<string, string>
        {
            ["Dashboard:Auth:Mode"] = "OpenIdConnect",
            ["Dashboard:Auth:ApiKeys:0:Name"] = "ci",
            ["Dashboard:Auth:ApiKeys:0:Sha256"] = "the-key-itself",
        }));

        var exitCode = await host.ExitCodeAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Dashboard:Auth:OpenIdConnect:Authority must be the provider's issuer URL", host.Output, StringComparison.Ordinal);
        Assert.Contains("Dashboard:Auth:OpenIdConnect:ClientId is required", host.Output, StringComparison.Ordinal);
        Assert.Contains("Dashboard:Auth:ApiKeys:0:Sha256 must be the 64 hex digits", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("the-key-itself", host.Output, StringComparison.Ordinal);
    }

    // An empty plugins folder and plugins.json of the test's own, so the host reads nothing of the repository's.
    private static Dictionary<string, string> Isolated(TempFolder data, Dictionary<string, string> settings)
    {
        Directory.CreateDirectory(data.Combine("plugins"));
        File.WriteAllText(data.Combine("plugins.json"), """{ "instances": [] }""");
        settings["Dashboard:PluginsPath"] = data.Combine("plugins");
        settings["Dashboard:PluginsConfigPath"] = data.Combine("plugins.json");
        settings["Dashboard:DataPath"] = data.Combine("data");
        return settings;
    }

    [GeneratedRegex(@"^\s+([A-Za-z0-9_-]{40,})\s*$", RegexOptions.Multiline)]
    private static partial Regex PrintedKey();
}
