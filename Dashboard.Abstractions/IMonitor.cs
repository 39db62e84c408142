namespace Dashboard.Abstractions;

/// <summary>
/// A monitor: the unit of a plugin. The host finds every public, non-abstract class implementing this interface
/// (with a public parameterless constructor) in a plugin's main assembly.
/// </summary>
/// <remarks>
/// <para>Lifecycle: the host constructs one object to read <see cref="Name"/> and <see cref="ConfigSchema"/>; for each
/// configured instance it constructs another, calls <see cref="Configure"/> once with the validated config, then calls
/// <see cref="CollectAsync"/> on the instance's schedule, never twice at once. A config change or a plugin reload
/// builds a fresh object; the old one is disposed (if it implements <see cref="IDisposable"/> or
/// <see cref="IAsyncDisposable"/>) once its last collect has returned.</para>
/// <para>Keep no static state that must outlive a reload, and leave no threads or timers running after disposal:
/// either keeps the plugin's load context from unloading.</para>
/// </remarks>
public interface IMonitor
{
    /// <summary>The plugin name that <c>plugins.json</c> refers to, unique among loaded plugins and constant.</summary>
    string Name { get; }

    /// <summary>
    /// The JSON Schema (draft-07 or 2020-12) of this monitor's own config keys. The host validates every instance's
    /// config against it, and applies its <c>default</c> values, before <see cref="Configure"/> is called. The common
    /// keys <c>interval_ms</c> and <c>timeout_ms</c> are validated by the host and need not appear here.
    /// </summary>
    string ConfigSchema { get; }

    /// <summary>Receives the validated config of the instance this object serves. Called once, before any collect.</summary>
    /// <param name="settings">The instance's identity, labels, schedule and config with defaults applied.</param>
    void Configure(MonitorSettings settings);

    /// <summary>
    /// Collects one round of samples and writes them to <paramref name="writer"/>. The writer is valid only until the
    /// returned task completes. Honour <paramref name="cancellationToken"/>: it fires at the instance's timeout, after
    /// which the host abandons the collect and discards what it wrote.
    /// </summary>
    /// <param name="writer">Where samples go; it attaches the instance's labels itself.</param>
    /// <param name="cancellationToken">Cancelled at the instance's <c>timeout_ms</c> or at shutdown.</param>
    /// <returns>A task that completes when the round is written. A thrown exception marks the round as failed.</returns>
    ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken);
}
