using Dashboard.Core.Configuration;

namespace Dashboard.Core.Tests.Configuration;

public sealed class PluginsFileParserTests
{
    [Fact]
    public void A_file_that_is_not_json_is_rejected_with_the_position()
    {
        var error = Assert.Throws<ConfigFormatException>(() => PluginsFileParser.Parse("{ \"instances\": [ { \"id\": } ] }"));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"^plugins\.json is not valid JSON at line 1, column \d+: '}' is an invalid start of a value\.$", error.Message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{ \"instances\": {} }")]
    public void A_file_without_an_instances_array_is_rejected(string text)
    {
        var error = Assert.Throws<ConfigFormatException>(() => PluginsFileParser.Parse(text));

        Assert.Contains("instances", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_entry_error_is_reported_with_its_path_and_good_entries_survive()
    {
        const string text = """
            {
              // comments and trailing commas are allowed: people edit this file by hand
              "instances": [
                { "id": "a", "plugin": "System", "config": { "interval_ms": 1000 } },
                { "id": "a", "plugin": "System" },
                { "id": "has space", "plugin": "System" },
                42,
                { "id": "b", "plugin": "", "enabled": "yes", "labels": { "bad-name": "x", "ok": 3 }, "config": [], "enabeld": true },
              ],
            }
            """;

        var document = PluginsFileParser.Parse(text);

        Assert.Equal(["a", "b"], document.Instances.Select(i => i.Id));
        Assert.True(document.Instances[0].Enabled);
        Assert.Empty(document.Instances[0].Errors);
        Assert.Equal(
            ["instances[1].id", "instances[2].id", "instances[3]"],
            document.Errors.Select(e => e.Path));
        Assert.Contains("duplicate id 'a': already used by instances[0]", document.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(
            ["instances[4].plugin", "instances[4].enabled", "instances[4].labels.bad-name", "instances[4].labels.ok",
                "instances[4].config", "instances[4].enabeld"],
            document.Instances[1].Errors.Select(e => e.Path));
    }

    [Fact]
    public void The_version_changes_with_the_content()
    {
        var one = PluginsFileParser.Parse("""{ "instances": [] }""");
        var same = PluginsFileParser.Parse("""{ "instances": [] }""");
        var other = PluginsFileParser.Parse("""{ "instances": [ ] }""");

        Assert.Equal(one.Version, same.Version);
        Assert.NotEqual(one.Version, other.Version);
    }
}
