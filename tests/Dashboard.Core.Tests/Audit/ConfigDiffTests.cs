using Dashboard.Core.Audit;
using Dashboard.Core.Configuration;
using Dashboard.Core.Configuration.Secrets;

namespace Dashboard.Core.Tests.Audit;

public sealed class ConfigDiffTests
{
    private const string Schema = """
        { "type": "object", "properties": { "dsn": { "type": "string", "writeOnly": true },
          "targets": { "type": "array", "items": { "type": "object", "properties": { "url": { "type": "string" } } } },
          "basic_auth": { "type": "object", "properties": { "username": { "type": "string" }, "password": { "type": "string" } } } } }
        """;

    [Fact]
    public async Task Each_instance_change_reads_as_a_line_with_old_and_new_values_and_secrets_masked()
    {
        var old = PluginsFileParser.Parse("""
            { "instances": [
              { "id": "node", "plugin": "P", "labels": { "env": "dev" },
                "config": { "interval_ms": 1000, "dsn": "sql://old-secret", "targets": [ { "url": "http://a" } ] } },
              { "id": "gone", "plugin": "P", "config": { "interval_ms": 1000 } } ] }
            """);
        var @new = PluginsFileParser.Parse("""
            { "instances": [
              { "id": "node", "plugin": "P", "enabled": false, "labels": { "env": "prod", "team": "infra" },
                "config": { "interval_ms": 2000, "dsn": "sql://new-secret", "targets": [ { "url": "http://b" }, { "url": "http://c" } ],
                            "basic_auth": { "username": "u", "password": "pw-new" } } },
              { "id": "x", "plugin": "P", "config": { "interval_ms": 500, "dsn": "sql://x-secret" } } ] }
            """);

        var lines = ConfigDiff.Describe(old, @new, await Secrets());

        Assert.Equal(
            [
                "instance node: enabled true → false",
                "instance node: labels.env \"dev\" → \"prod\"",
                "instance node: labels.team added \"infra\"",
                "instance node: config.interval_ms 1000 → 2000",
                "instance node: config.dsn changed (secret)",
                "instance node: config.targets[0].url \"http://a\" → \"http://b\"",
                "instance node: config.targets[1] added {\"url\":\"http://c\"}",
                "instance node: config.basic_auth added {\"username\":\"u\",\"password\":\"********\"}",
                "instance x: added: plugin \"P\", enabled true, labels {}, config {\"interval_ms\":500,\"dsn\":\"********\"}",
                "instance gone: removed",
            ],
            lines);
        Assert.DoesNotContain(lines, l => l.Contains("secret\"", StringComparison.Ordinal) || l.Contains("pw-new", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_removed_field_shows_what_it_was_unless_it_is_secret()
    {
        var old = PluginsFileParser.Parse("""{ "instances": [ { "id": "a", "plugin": "P", "config": { "interval_ms": 1000, "timeout_ms": 900, "dsn": "s" } } ] }""");
        var @new = PluginsFileParser.Parse("""{ "instances": [ { "id": "a", "plugin": "Q", "config": { "interval_ms": 1000 } } ] }""");

        var lines = ConfigDiff.Describe(old, @new, await Secrets());

        Assert.Equal(
            ["instance a: plugin \"P\" → \"Q\"", "instance a: config.timeout_ms removed (was 900)", "instance a: config.dsn removed (secret)"],
            lines);
    }

    [Fact]
    public async Task A_reformatted_file_changes_nothing()
    {
        var old = PluginsFileParser.Parse("""{ "instances": [ { "id": "a", "plugin": "P", "config": { "interval_ms": 1000 } } ] }""");
        var @new = PluginsFileParser.Parse("""
            { "instances": [
                { "id": "a", "plugin": "P", "config": { "interval_ms": 1000 } }
            ] }
            """);

        Assert.NotEqual(old.Version, @new.Version);
        Assert.Empty(ConfigDiff.Describe(old, @new, await Secrets()));
    }

    private static async Task<ConfigSecrets> Secrets()
    {
        var schema = await MonitorSchema.ParseAsync(Schema);
        return new ConfigSecrets(name => name == "P" ? schema : null);
    }
}
