using System.Text.Json.Nodes;
using Dashboard.Core.Configuration;

namespace Dashboard.Core.Tests.Configuration;

public sealed class ConfigValidatorTests
{
    private const string StrictSchema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["target"],
          "properties": {
            "target": { "type": "string", "minLength": 1 },
            "retries": { "type": "integer", "minimum": 0, "maximum": 5, "default": 2 },
            "mode": { "enum": ["fast", "thorough"], "default": "fast" },
            "endpoints": {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["url"],
                "properties": { "url": { "type": "string" }, "weight": { "type": "number", "default": 1.5 } }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task A_valid_config_gets_every_default_including_nested_ones_and_the_common_timeout()
    {
        var schema = await MonitorSchema.ParseAsync(StrictSchema);
        var config = Json("""{ "interval_ms": 250, "target": "db", "endpoints": [ { "url": "a" }, { "url": "b", "weight": 3 } ] }""");

        var result = ConfigValidator.Validate(config, schema, "instances[0].config");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(TimeSpan.FromMilliseconds(250), result.Interval);
        Assert.Equal(TimeSpan.FromSeconds(5), result.Timeout);
        Assert.Equal(
            """{"interval_ms":250,"timeout_ms":5000,"target":"db","endpoints":[{"url":"a","weight":1.5},{"url":"b","weight":3}],"retries":2,"mode":"fast"}""",
            result.Effective.ToJsonString());
    }

    [Fact]
    public async Task Every_error_is_reported_at_once_each_with_its_path()
    {
        var schema = await MonitorSchema.ParseAsync(StrictSchema);
        var config = Json("""{ "interval_ms": 50, "timeout_ms": "soon", "retries": 9, "mode": "slow", "colour": "red", "endpoints": [ { "url": "a" }, { "weight": "x" } ] }""");

        var result = ConfigValidator.Validate(config, schema, "instances[3].config");

        Assert.Equal(
            [
                ("instances[3].config.interval_ms", "must be >= 100"),
                ("instances[3].config.timeout_ms", "must be an integer"),
                ("instances[3].config.target", "is required"),
                ("instances[3].config.retries", "must be <= 5"),
                ("instances[3].config.mode", "must be one of fast, thorough"),
                ("instances[3].config.endpoints[1].url", "is required"),
                ("instances[3].config.endpoints[1].weight", "must be a number"),
                ("instances[3].config.colour", "is not a known property (the schema allows no others)"),
            ],
            result.Errors.Select(e => (e.Path, e.Message)).OrderBy(e => Order(e.Path)));
    }

    [Fact]
    public async Task Interval_is_required()
    {
        var schema = await MonitorSchema.ParseAsync("""{ "type": "object" }""");

        var result = ConfigValidator.Validate(Json("{}"), schema, "config");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("config.interval_ms", "is required"), (error.Path, error.Message));
    }

    [Theory]
    [InlineData("not json", "is not valid JSON Schema")]
    [InlineData("""{ "type": 42 }""", "schema.type")]
    [InlineData("""{ "type": "object", "properties": { "port": { "type": "integr" } } }""", "schema.properties.port.type")]
    [InlineData("""{ "type": "object", "required": "port" }""", "Path 'required'")]
    [InlineData("""{ "type": "string" }""", "must describe an object")]
    [InlineData("", "empty")]
    public async Task A_schema_that_is_not_usable_json_schema_is_refused_with_the_reason(string text, string reason)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MonitorSchema.ParseAsync(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    // File order of the keys above, so the assertion reads in the order the config was written.
    private static int Order(string path) =>
        Array.FindIndex(["interval_ms", "timeout_ms", "target", "retries", "mode", "endpoints", "colour"], k => path.Contains(k, StringComparison.Ordinal));
}
