using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Dashboard.Abstractions;

/// <summary>What the host tells a monitor about the instance it serves.</summary>
public sealed class MonitorSettings
{
    /// <summary>Creates the settings of one instance.</summary>
    /// <param name="instanceId">The instance id from <c>plugins.json</c>.</param>
    /// <param name="labels">The instance's labels.</param>
    /// <param name="config">The validated config, schema defaults applied.</param>
    /// <param name="interval">The collect interval (<c>interval_ms</c>).</param>
    /// <param name="timeout">The collect timeout (<c>timeout_ms</c>).</param>
    public MonitorSettings(string instanceId, IReadOnlyDictionary<string, string> labels, JsonElement config,
        TimeSpan interval, TimeSpan timeout)
    {
        InstanceId = instanceId;
        Labels = labels;
        Config = config;
        Interval = interval;
        Timeout = timeout;
    }

    /// <summary>The instance id from <c>plugins.json</c>.</summary>
    public string InstanceId { get; }

    /// <summary>The instance's labels; the host adds them to every sample already.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The instance's config object, validated against the schema, defaults applied.</summary>
    public JsonElement Config { get; }

    /// <summary>The collect interval.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The collect timeout; <see cref="IMonitor.CollectAsync"/> is cancelled when it elapses.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>
    /// Binds <see cref="Config"/> to <typeparamref name="T"/>, matching snake_case JSON keys to PascalCase properties
    /// (<c>timeout_ms</c> to <c>TimeoutMs</c>).
    /// </summary>
    /// <typeparam name="T">The plugin's own config class.</typeparam>
    /// <returns>The bound config.</returns>
    [RequiresUnreferencedCode("Binds by reflection.")]
    [RequiresDynamicCode("Binds by reflection.")]
    public T Bind<T>()
    {
        // Fresh options on purpose: a shared, cached instance would keep T's metadata, and so the plugin's collectible
        // load context, alive after the plugin is unloaded.
#pragma warning disable CA1869
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        };
#pragma warning restore CA1869
        return Config.Deserialize<T>(options)
            ?? throw new JsonException($"The config of instance '{InstanceId}' is null.");
    }
}
