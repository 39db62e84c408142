using System.Text.Json.Nodes;
using Dashboard.Core.Configuration;

namespace Dashboard.Core.Tests.Configuration;

public sealed class PluginsFileEditorTests
{
    private const string File = """
        { "instances": [
          // the first
          { "id": "a", "plugin": "P", "config": { "interval_ms": 1000 } },
          { "id": "b", "plugin": "P", "config": { "interval_ms": 2000 } } ] }
        """;

    [Fact]
    public void Put_replaces_the_entry_in_place_and_keeps_the_others()
    {
        var text = PluginsFileEditor.PutInstance(File, new JsonObject { ["id"] = "a", ["plugin"] = "Q", ["config"] = new JsonObject { ["interval_ms"] = 500 } });

        var document = PluginsFileParser.Parse(text);
        Assert.Equal(["a", "b"], document.Instances.Select(i => i.Id));
        Assert.Equal("Q", document.Instances[0].Plugin);
        Assert.Equal(PluginsFileParser.Parse(File).Instances[1].Version, document.Instances[1].Version);
    }

    [Fact]
    public void Put_appends_a_new_entry_and_creates_a_missing_file()
    {
        var appended = PluginsFileParser.Parse(PluginsFileEditor.PutInstance(File, new JsonObject { ["id"] = "c", ["plugin"] = "P" }));
        var created = PluginsFileParser.Parse(PluginsFileEditor.PutInstance(null, new JsonObject { ["id"] = "c", ["plugin"] = "P" }));

        Assert.Equal(["a", "b", "c"], appended.Instances.Select(i => i.Id));
        Assert.Equal(["c"], created.Instances.Select(i => i.Id));
    }

    [Fact]
    public void Remove_takes_only_that_entry_and_says_when_there_is_none()
    {
        Assert.Equal(["b"], PluginsFileParser.Parse(PluginsFileEditor.RemoveInstance(File, "a")!).Instances.Select(i => i.Id));
        Assert.Null(PluginsFileEditor.RemoveInstance(File, "z"));
    }

    [Fact]
    public void The_version_of_a_found_entry_is_the_one_the_parser_gives_it()
    {
        var entry = PluginsFileEditor.FindInstance(File, "b")!;

        Assert.Equal(PluginsFileParser.Parse(File).Instances[1].Version, PluginsFileParser.Hash(entry.ToJsonString()));
        Assert.Null(PluginsFileEditor.FindInstance(File, "z"));
    }

    [Fact]
    public void A_file_that_is_not_plugins_json_cannot_be_edited()
    {
        Assert.Throws<ConfigFormatException>(() => PluginsFileEditor.FindInstance("{ \"instances\": 3 }", "a"));
        Assert.Throws<ConfigFormatException>(() => PluginsFileEditor.PutInstance("not json", new JsonObject { ["id"] = "a" }));
    }
}
