using System.Text.Json.Nodes;
using Dashboard.Core.Configuration;
using Dashboard.Core.Configuration.Secrets;

namespace Dashboard.Core.Tests.Configuration.Secrets;

public sealed class SecretFieldsTests
{
    private const string Schema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "$defs": {
            "auth": {
              "type": "object",
              "properties": { "user": { "type": "string" }, "pin": { "type": "string", "writeOnly": true } }
            }
          },
          "properties": {
            "url": { "type": "string" },
            "dsn": { "type": "string", "writeOnly": true },
            "passcode": { "type": "string", "format": "password" },
            "login": { "$ref": "#/$defs/auth" },
            "endpoints": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": { "url": { "type": "string" }, "sig": { "type": "string", "writeOnly": true } }
              }
            },
            "headers": { "type": "object", "additionalProperties": { "type": "string" } },
            "keys": { "type": "array", "items": { "type": "string", "writeOnly": true } },
            "mode": {
              "anyOf": [
                { "type": "string" },
                { "type": "object", "properties": { "cert": { "type": "string", "writeOnly": true } } }
              ]
            },
            "bearer_token_file": { "type": "string" },
            "nothing": { "type": "string", "writeOnly": false }
          }
        }
        """;

    private static readonly SecretFields Fields = SecretFields.FromSchema(Schema);

    [Fact]
    public void WriteOnly_and_format_password_mark_fields_through_refs_nested_objects_arrays_and_branches()
    {
        var config = Parse("""
            {
              "url": "http://a", "dsn": "d", "passcode": "p", "login": { "user": "u", "pin": "1234" },
              "endpoints": [ { "url": "http://b", "sig": "s0" }, { "url": "http://c", "sig": "s1" } ],
              "headers": { "X-Trace": "on", "Authorization": "Bearer t" },
              "keys": [ "k0", "k1" ], "mode": { "cert": "c" }, "bearer_token_file": "/run/token", "nothing": "n"
            }
            """);

        Assert.Equal(
            ["dsn", "passcode", "login.pin", "endpoints[0].sig", "endpoints[1].sig", "headers.Authorization", "keys[0]", "keys[1]", "mode.cert"],
            Fields.PathsIn(config));
    }

    [Theory]
    [InlineData("password")]
    [InlineData("db_password")]
    [InlineData("client_secret")]
    [InlineData("token")]
    [InlineData("access_token")]
    [InlineData("bearer_token")]
    [InlineData("api_key")]
    [InlineData("apiKey")]
    [InlineData("X-Api-Key")]
    [InlineData("private_key")]
    [InlineData("credentials")]
    [InlineData("passphrase")]
    [InlineData("Authorization")]
    public void The_name_rule_catches_a_secret_a_schema_forgot(string name)
    {
        var masked = SecretFields.NameRuleOnly.Mask(new JsonObject { ["outer"] = new JsonObject { [name] = "hunter2" } });

        Assert.Equal(SecretFields.MaskText, masked["outer"]![name]!.GetValue<string>());
    }

    [Theory]
    [InlineData("password_file")]
    [InlineData("bearer_token_file")]
    [InlineData("tokens")]
    [InlineData("username")]
    [InlineData("url")]
    public void The_name_rule_leaves_other_names_alone(string name) => Assert.False(SecretNames.IsSecret(name));

    [Fact]
    public void Mask_replaces_secret_values_whatever_their_type_keeps_nulls_and_leaves_the_original_alone()
    {
        var config = Parse("""{ "url": "http://a", "dsn": null, "passcode": 1234, "credentials": { "user": "u" }, "login": { "user": "u", "pin": "9" } }""");

        var masked = Fields.Mask(config);

        Assert.Equal("""{"url":"http://a","dsn":null,"passcode":"********","credentials":"********","login":{"user":"u","pin":"********"}}""",
            masked.ToJsonString());
        Assert.Equal(1234, config["passcode"]!.GetValue<int>());
    }

    [Fact]
    public void A_masked_config_sent_back_unchanged_restores_every_secret()
    {
        var previous = Parse("""
            { "dsn": "d", "login": { "user": "u", "pin": "1234" }, "endpoints": [ { "url": "http://b", "sig": "s0" } ], "keys": [ "k0" ], "api_key": "ak" }
            """);

        var restored = Fields.Restore(Fields.Mask(previous), previous);

        Assert.True(restored.IsValid);
        Assert.True(JsonNode.DeepEquals(previous, restored.Config), restored.Config.ToJsonString());
    }

    [Fact]
    public void Restore_keeps_a_new_secret_and_the_edited_plain_fields()
    {
        var previous = Parse("""{ "url": "http://a", "dsn": "old", "passcode": "p" }""");
        var edited = Parse("""{ "url": "http://z", "dsn": "new", "passcode": "********" }""");

        var restored = Fields.Restore(edited, previous);

        Assert.Equal("""{"url":"http://z","dsn":"new","passcode":"p"}""", restored.Config.ToJsonString());
        Assert.Equal("********", edited["passcode"]!.GetValue<string>());
    }

    [Fact]
    public void A_mask_with_no_previous_secret_behind_it_is_an_error_naming_its_path()
    {
        var restored = Fields.Restore(Parse("""{ "login": { "pin": "********" } }"""), null);

        var error = Assert.Single(restored.Errors);
        Assert.Equal("login.pin", error.Path);
        Assert.Contains("no previous secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restoring_from_a_masked_previous_config_is_refused()
    {
        var previous = Parse("""{ "dsn": "d" }""");

        var ex = Assert.Throws<ArgumentException>(() => Fields.Restore(Fields.Mask(previous), Fields.Mask(previous)));
        Assert.Contains("dsn", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plugin_schema_carries_its_secret_fields_and_an_unloaded_plugin_keeps_the_last_ones()
    {
        var schema = await MonitorSchema.ParseAsync(Schema);
        var loaded = true;
        var secrets = new ConfigSecrets(name => name == "P" && loaded ? schema : null);
        var config = Parse("""{ "dsn": "d" }""");
        Assert.Equal(SecretFields.MaskText, secrets.Mask("P", config)["dsn"]!.GetValue<string>());

        loaded = false;

        Assert.Equal(SecretFields.MaskText, secrets.Mask("P", config)["dsn"]!.GetValue<string>());
        Assert.Equal("d", secrets.Mask("Other", config)["dsn"]!.GetValue<string>());
    }

    [Fact]
    public void A_schema_whose_refs_loop_still_terminates()
    {
        var fields = SecretFields.FromSchema("""
            { "$defs": { "a": { "$ref": "#/$defs/b" }, "b": { "$ref": "#/$defs/a", "properties": { "next": { "$ref": "#/$defs/a" }, "k": { "writeOnly": true } } } },
              "$ref": "#/$defs/a" }
            """);

        Assert.Equal(["next.next.k"], fields.PathsIn(Parse("""{ "next": { "next": { "k": "x" } } }""")));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
