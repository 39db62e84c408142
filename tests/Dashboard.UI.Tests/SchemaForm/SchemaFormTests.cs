using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Bunit;
using Dashboard.Core.Configuration;
using Dashboard.UI.Components.SchemaForm;
using Dashboard.UI.Model.SchemaForm;
using MudBlazor;
using MudBlazor.Extensions;

namespace Dashboard.UI.Tests.SchemaForm;

/// <summary>The form generated from a plugin's schema, one schema feature per test, beside its raw JSON.</summary>
public sealed class SchemaFormTests : UiTestContext
{
    private const string Schema = """
        {
          "type": "object",
          "required": ["targets"],
          "properties": {
            "targets": {
              "type": "array", "description": "The URLs to probe.",
              "items": {
                "type": "object", "required": ["url"],
                "properties": {
                  "url": { "type": "string", "format": "uri", "description": "Absolute http or https URL." },
                  "method": { "type": "string", "enum": ["GET", "HEAD"], "default": "GET" },
                  "expect_status": { "type": "integer", "minimum": 100, "maximum": 599, "default": 200 }
                }
              }
            },
            "greeting": { "type": "string", "maxLength": 20, "pattern": "^[a-z]+$" },
            "ratio": { "type": "number", "exclusiveMinimum": 0, "maximum": 1 },
            "verbose": { "type": "boolean", "default": false },
            "bearer_token": { "type": "string", "writeOnly": true },
            "api_key": { "type": "string" },
            "basic_auth": {
              "type": "object", "required": ["username"],
              "properties": { "username": { "type": "string" }, "password": { "type": "string", "format": "password" } }
            },
            "tags": { "type": "array", "items": { "type": "string" } }
          }
        }
        """;

    [Fact]
    public void Every_property_gets_the_input_of_its_type_beside_the_keys_every_instance_has()
    {
        var form = RenderEditor(Entry());

        Assert.Equal("text", Input(form, "config.greeting").GetAttribute("type"));
        Assert.Equal("number", Input(form, "config.interval_ms").GetAttribute("type"));
        Assert.Equal("number", Input(form, "config.ratio").GetAttribute("type"));
        Assert.Equal("checkbox", Input(form, "config.verbose").GetAttribute("type"));
        Assert.Equal("checkbox", Input(form, "enabled").GetAttribute("type"));
        Assert.NotNull(Field(form, "config.timeout_ms"));
        Assert.Equal("fieldset", Field(form, "labels").TagName.ToLowerInvariant());
        Assert.Equal("1000", Input(form, "config.interval_ms").GetAttribute("value"));
    }

    [Fact]
    public void A_value_left_out_shows_its_default_and_new_values_start_from_the_defaults()
    {
        var form = RenderEditor(Entry());

        Assert.Equal("default: 5000", Input(form, "config.timeout_ms").GetAttribute("placeholder"));
        Assert.Contains("default 5000", Field(form, "config.timeout_ms").TextContent, StringComparison.Ordinal);
        var config = FormDefaults.Fill([], InstanceFormSchema.Build(Schema).Properties.Single(p => p.Key == "config").Value);
        Assert.Equal("""{"timeout_ms":5000,"targets":[],"verbose":false}""", config.ToJsonString());
    }

    [Fact]
    public void An_enum_is_a_select_whose_choice_is_written_as_the_enum_value()
    {
        var entry = Entry();
        var form = RenderEditor(entry);

        var select = form.FindComponent<MudSelect<string>>();
        Assert.Null(select.Instance.GetState(s => s.Value));
        Assert.Equal("default: GET", select.Instance.Placeholder);
        form.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("HEAD"));

        Assert.Equal("HEAD", entry["config"]!["targets"]![0]!["method"]!.GetValue<string>());
    }

    [Fact]
    public void Required_fields_are_marked_and_optional_ones_are_not()
    {
        var form = RenderEditor(Entry());

        Assert.Contains("url *", Field(form, "config.targets[0].url").TextContent, StringComparison.Ordinal);
        Assert.Contains("interval_ms *", Field(form, "config.interval_ms").TextContent, StringComparison.Ordinal);
        Assert.Contains("targets *", Field(form, "config.targets").QuerySelector("legend")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("*", Field(form, "config.greeting").QuerySelector("label")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Bounds_lengths_and_patterns_are_told_before_they_are_broken()
    {
        var form = RenderEditor(Entry());

        Assert.Contains(">= 100 and <= 599", Field(form, "config.targets[0].expect_status").TextContent, StringComparison.Ordinal);
        Assert.Contains("> 0 and <= 1", Field(form, "config.ratio").TextContent, StringComparison.Ordinal);
        Assert.Contains("at most 20 characters; matches ^[a-z]+$", Field(form, "config.greeting").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_description_is_the_help_text()
    {
        var form = RenderEditor(Entry());

        Assert.Contains("Absolute http or https URL.", Field(form, "config.targets[0].url").TextContent, StringComparison.Ordinal);
        Assert.Contains("The URLs to probe.", Field(form, "config.targets").TextContent, StringComparison.Ordinal);
        Assert.Contains("Time between collects, in milliseconds.", Field(form, "config.interval_ms").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_object_is_a_fieldset_and_an_edit_inside_it_creates_it()
    {
        var entry = Entry();
        var form = RenderEditor(entry);

        Assert.Equal("basic_auth", Field(form, "config.basic_auth").QuerySelector("legend")!.TextContent);
        Input(form, "config.basic_auth.username").Input("ops");

        form.WaitForAssertion(() => Assert.Equal("""{"username":"ops"}""", entry["config"]!["basic_auth"]!.ToJsonString()), Debounced);
    }

    [Fact]
    public void Array_rows_are_added_with_their_defaults_moved_and_removed()
    {
        var entry = Entry();
        var form = RenderEditor(entry);

        form.Find("[data-testid='add-config.targets']").Click();
        Assert.Equal("""{"url":"","method":"GET","expect_status":200}""", entry["config"]!["targets"]![1]!.ToJsonString());
        form.Find("[data-testid='up-config.targets[1]']").Click();
        Assert.Equal("", entry["config"]!["targets"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("", Input(form, "config.targets[0].url").GetAttribute("value"));
        form.Find("[data-testid='remove-config.targets[0]']").Click();

        Assert.Equal("http://a/", Assert.Single(entry["config"]!["targets"]!.AsArray())!["url"]!.GetValue<string>());
        Assert.Empty(form.FindAll("[data-testid='row-config.targets[1]']"));
        form.Find("[data-testid='add-config.tags']").Click();
        Assert.Equal("""[""]""", entry["config"]!["tags"]!.ToJsonString());
    }

    [Fact]
    public void A_secret_by_schema_or_by_name_is_a_password_input_showing_the_mask()
    {
        var entry = Entry();
        entry["config"]!["bearer_token"] = "********";
        var form = RenderEditor(entry);

        var input = Input(form, "config.bearer_token");
        Assert.Equal("password", input.GetAttribute("type"));
        Assert.Equal("********", input.GetAttribute("value"));
        Assert.Equal("password", Input(form, "config.basic_auth.password").GetAttribute("type"));
        Assert.Equal("password", Input(form, "config.api_key").GetAttribute("type"));
    }

    [Fact]
    public void A_form_edit_rewrites_the_raw_json()
    {
        var entry = Entry();
        var form = RenderEditor(entry);

        Input(form, "config.greeting").Input("hello");

        form.WaitForAssertion(() => Assert.Contains("\"greeting\": \"hello\"", RawText(form), StringComparison.Ordinal), Debounced);
    }

    [Fact]
    public void Raw_json_that_parses_replaces_the_entry_and_the_form_follows()
    {
        var entry = Entry();
        var changes = 0;
        var form = RenderEditor(entry, onChange: () => changes++);

        form.Find("[data-testid='raw-json'] textarea").Input("""{ "id": "web", "plugin": "P", "config": { "interval_ms": 2500, "targets": [] } }""");

        form.WaitForAssertion(() => Assert.Equal("2500", Input(form, "config.interval_ms").GetAttribute("value")), Debounced);
        Assert.Equal(2500, entry["config"]!["interval_ms"]!.GetValue<int>());
        Assert.Empty(form.FindAll("[data-testid='row-config.targets[0]']"));
        Assert.Equal(1, changes);
    }

    [Fact]
    public void Raw_json_that_does_not_parse_shows_where_and_leaves_the_form_alone()
    {
        var entry = Entry();
        var form = RenderEditor(entry);

        form.Find("[data-testid='raw-json'] textarea").Input("{\n  \"config\": { \"interval_ms\": 2500, }\n  oops\n}");

        form.WaitForAssertion(() => Assert.Contains("line 3, column 3", form.Find("[data-testid='raw-json']").TextContent, StringComparison.Ordinal), Debounced);
        Assert.Equal(1000, entry["config"]!["interval_ms"]!.GetValue<int>());
        Assert.Equal("1000", Input(form, "config.interval_ms").GetAttribute("value"));
    }

    [Fact]
    public void Server_errors_land_on_their_fields_and_clear_when_the_next_check_passes()
    {
        var form = RenderEditor(Entry(), new FieldErrors(
        [
            new ValidationError("config.targets[0].expect_status", "must be <= 599"),
            new ValidationError("config.interval_ms", "must be >= 100"),
        ]));

        Assert.Contains("must be <= 599", Field(form, "config.targets[0].expect_status").TextContent, StringComparison.Ordinal);
        Assert.Contains("must be >= 100", Field(form, "config.interval_ms").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("must be", Field(form, "config.targets[0].url").TextContent, StringComparison.Ordinal);

        form.Render(parameters => parameters.Add(e => e.Errors, FieldErrors.None));

        Assert.DoesNotContain("must be", form.Find("[data-testid='schema-form']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_viewer_sees_the_form_read_only_without_row_actions()
    {
        var form = RenderEditor(Entry(), readOnly: true);

        Assert.True(Input(form, "config.interval_ms").HasAttribute("readonly"));
        Assert.True(form.Find("[data-testid='raw-json'] textarea").HasAttribute("readonly"));
        Assert.Empty(form.FindAll("[data-testid^='add-']"));
        Assert.Empty(form.FindAll("[data-testid^='remove-']"));
    }

    // The inputs hand typed text over after their debounce interval, on a real timer.
    private static readonly TimeSpan Debounced = TimeSpan.FromSeconds(5);

    private static JsonObject Entry() => (JsonObject)JsonNode.Parse("""
        { "id": "web", "plugin": "P", "enabled": true, "labels": { "team": "web" },
          "config": { "interval_ms": 1000, "targets": [ { "url": "http://a/" } ] } }
        """)!;

    private IRenderedComponent<ConfigEditor> RenderEditor(JsonObject entry, FieldErrors? errors = null, bool readOnly = false,
        Action? onChange = null) =>
        Render<ConfigEditor>(parameters => parameters
            .Add(e => e.Schema, InstanceFormSchema.Build(Schema))
            .Add(e => e.Entry, entry)
            .Add(e => e.Errors, errors ?? FieldErrors.None)
            .Add(e => e.ReadOnly, readOnly)
            .Add(e => e.OnChange, () => onChange?.Invoke()));

    private static IElement Field(IRenderedComponent<ConfigEditor> form, string path) => form.Find($"[data-testid='field-{path}']");

    private static IElement Input(IRenderedComponent<ConfigEditor> form, string path) => Field(form, path).QuerySelector("input")!;

    private static string RawText(IRenderedComponent<ConfigEditor> form) =>
        form.Find("[data-testid='raw-json'] textarea").GetAttribute("value") ?? form.Find("[data-testid='raw-json'] textarea").TextContent;
}
