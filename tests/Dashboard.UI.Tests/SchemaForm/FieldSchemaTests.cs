using Dashboard.UI.Model.SchemaForm;

namespace Dashboard.UI.Tests.SchemaForm;

public sealed class FieldSchemaTests
{
    [Fact]
    public void A_plugins_local_references_resolve_inside_the_instance_form()
    {
        var form = InstanceFormSchema.Build("""
            { "type": "object",
              "definitions": { "target": { "type": "object", "required": ["url"], "properties": { "url": { "type": "string" } } } },
              "properties": { "primary": { "$ref": "#/definitions/target" },
                              "others": { "type": "array", "items": { "$ref": "#/definitions/target" } },
                              "mode": { "enum": ["a", "b"] },
                              "anything": { "anyOf": [ { "type": "string" }, { "type": "integer" } ] } } }
            """);

        var config = form.Properties.Single(p => p.Key == "config").Value;
        var byName = config.Properties.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(["interval_ms", "timeout_ms", "primary", "others", "mode", "anything"], config.Properties.Select(p => p.Key));
        Assert.Equal(["interval_ms"], config.Required);
        Assert.Equal((FieldKind.Group, "url"), (byName["primary"].Kind, byName["primary"].Properties.Single().Key));
        Assert.Equal(FieldKind.Group, byName["others"].Items!.Kind);
        Assert.Contains("url", byName["others"].Items!.Required);
        Assert.Equal(FieldKind.Text, byName["mode"].Kind);
        Assert.Equal(FieldKind.Json, byName["anything"].Kind);
        Assert.Equal(FieldKind.Map, form.Properties.Single(p => p.Key == "labels").Value.Kind);
    }
}
