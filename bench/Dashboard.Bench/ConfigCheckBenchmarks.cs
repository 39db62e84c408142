using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Dashboard.Core.Configuration;
using Dashboard.Plugins.PrometheusScrape;

namespace Dashboard.Bench;

/// <summary>
/// What the config editor asks of the server on every pause in typing (<c>InstanceEditor.CheckAsync</c> without its
/// file read): the edited entry put into a 20-instance <c>plugins.json</c>, the file parsed, and the entry validated
/// with the common keys and the PrometheusScrape schema (nested object, array of objects, secrets). The baseline is the
/// schema validation alone.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ConfigCheckBenchmarks
{
    private string _file = "";
    private JsonObject _entry = [];
    private JsonObject _config = [];
    private MonitorSchema _schema = null!;

    /// <summary>Builds the file, the edited entry and the schema.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using var monitor = new PrometheusScrapeMonitor();
        _schema = MonitorSchema.ParseAsync(monitor.ConfigSchema).GetAwaiter().GetResult();
        _config = (JsonObject)JsonNode.Parse("""
            { "interval_ms": 15000, "timeout_ms": 10000, "honor_labels": true, "bearer_token": "s3cret",
              "basic_auth": { "username": "ops", "password": "pw" },
              "targets": [ { "url": "http://127.0.0.1:9100/metrics", "labels": { "job": "node" } },
                           { "url": "http://127.0.0.1:9090/metrics", "labels": { "job": "prometheus" } } ] }
            """)!;
        var instances = new JsonArray();
        for (var i = 0; i < 20; i++)
        {
            instances.Add(new JsonObject { ["id"] = $"scrape-{i}", ["plugin"] = "PrometheusScrape", ["config"] = _config.DeepClone() });
        }

        _file = new JsonObject { ["instances"] = instances }.ToJsonString();
        _entry = new JsonObject { ["id"] = "scrape-7", ["plugin"] = "PrometheusScrape", ["config"] = _config.DeepClone() };
    }

    /// <summary>The schema validation alone (defaults applied, errors flattened).</summary>
    /// <returns>The error count.</returns>
    [Benchmark(Baseline = true)]
    public int Validate() => ConfigValidator.Validate(_config, _schema, "instances[7].config").Errors.Count;

    /// <summary>The check of one keystroke: put the entry in the file, parse the file, validate the entry.</summary>
    /// <returns>The error count.</returns>
    [Benchmark]
    public int CheckEntry()
    {
        var text = PluginsFileEditor.PutInstance(_file, _entry);
        var definition = PluginsFileParser.Parse(text).Instances[7];
        return ConfigValidator.Validate(definition.Config, _schema, definition.Path + ".config").Errors.Count;
    }
}
