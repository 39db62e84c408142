using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Collection;

/// <summary>Drains the sample channel into every sink, then returns each batch's buffer to the pool.</summary>
public sealed partial class SampleIngestor
{
    private readonly SampleChannel _channel;
    private readonly IReadOnlyList<ISampleSink> _sinks;
    private readonly ILogger<SampleIngestor> _logger;

    /// <summary>Creates the ingestor.</summary>
    /// <param name="channel">Where batches come from.</param>
    /// <param name="sinks">Where they go.</param>
    /// <param name="logger">The logger.</param>
    public SampleIngestor(SampleChannel channel, IEnumerable<ISampleSink> sinks, ILogger<SampleIngestor> logger)
    {
        _channel = channel;
        _sinks = [.. sinks];
        _logger = logger;
    }

    /// <summary>Runs until the channel completes.</summary>
    /// <returns>A task.</returns>
    public async Task RunAsync()
    {
        await foreach (var batch in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (var sink in _sinks)
            {
                try
                {
                    sink.Accept(batch);
                }
#pragma warning disable CA1031 // One failing sink must not starve the others or stop ingestion.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogSinkFailed(sink.GetType().Name, batch.InstanceId, ex);
                }
            }

            batch.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sink {Sink} failed on a batch of instance {InstanceId}")]
    private partial void LogSinkFailed(string sink, string instanceId, Exception exception);
}
