using Dashboard.Core.Collection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.RemoteWrite;

/// <summary>
/// Pushes every collected sample to each configured remote (Prometheus remote_write 1.0). <see cref="Accept"/> only
/// copies the samples into each remote's bounded shard queues; the shards send on their own tasks. Started before
/// ingestion and stopped after it has drained, so the last collects are sent too.
/// </summary>
public sealed partial class RemoteWriteSink : ISampleSink, IAsyncDisposable
{
    private readonly RemoteQueue[] _remotes;
    private readonly RemoteWriteOptions _options;
    private readonly ILogger<RemoteWriteSink> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private Task[] _running = [];
    private bool _stopped;

    /// <summary>Creates the queues; nothing is sent until <see cref="Start"/>.</summary>
    /// <param name="options">The remotes.</param>
    /// <param name="metrics">Where the counts go.</param>
    /// <param name="time">The clock of deadlines and backoffs.</param>
    /// <param name="logger">The logger.</param>
    public RemoteWriteSink(IOptions<RemoteWriteOptions> options, RemoteWriteMetrics metrics, TimeProvider time, ILogger<RemoteWriteSink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _options = options.Value;
        _logger = logger;
        _remotes = [.. _options.Remotes.Select(r => new RemoteQueue(r, metrics, time, logger))];
        metrics.Observe(_remotes);
    }

    /// <summary>The remotes' names, in configuration order.</summary>
    public IReadOnlyList<string> RemoteNames => [.. _remotes.Select(r => r.Name)];

    /// <summary>Samples a remote accepted since start.</summary>
    /// <param name="remote">The remote's name.</param>
    /// <returns>The count.</returns>
    public long SentTotal(string remote) => Find(remote).SentTotal;

    /// <summary>Samples a remote refused for good since start.</summary>
    /// <param name="remote">The remote's name.</param>
    /// <returns>The count.</returns>
    public long FailedTotal(string remote) => Find(remote).FailedTotal;

    /// <summary>Samples in requests sent again since start (counted once per retry).</summary>
    /// <param name="remote">The remote's name.</param>
    /// <returns>The count.</returns>
    public long RetriedTotal(string remote) => Find(remote).RetriedTotal;

    /// <summary>Samples dropped unsent since start (queue full, or still pending when a stop ran out of time).</summary>
    /// <param name="remote">The remote's name.</param>
    /// <returns>The count.</returns>
    public long DroppedTotal(string remote) => Find(remote).DroppedTotal;

    /// <summary>Samples queued or in flight now.</summary>
    /// <param name="remote">The remote's name.</param>
    /// <returns>The count.</returns>
    public long Pending(string remote) => Find(remote).Pending;

    /// <summary>Starts every shard's sender.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        foreach (var remote in _remotes)
        {
            LogStarting(remote.Name, remote.Endpoint.DisplayUrl, remote.Shards.Count);
        }

        _running = [.. _remotes.SelectMany(r => r.Shards).Select(s => Task.Run(() => s.RunAsync(_stopping.Token, _abort.Token)))];
    }

    /// <summary>Copies the batch's samples into every remote's queue.</summary>
    /// <param name="batch">A completed collect.</param>
    public void Accept(SampleBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var remote in _remotes)
        {
            remote.Accept(batch.Samples);
        }
    }

    /// <summary>
    /// Sends what is still queued, for at most <see cref="RemoteWriteOptions.FlushTimeout"/> (or until
    /// <paramref name="cancellationToken"/>); what is left then is dropped and counted.
    /// </summary>
    /// <param name="cancellationToken">Ends the flush early.</param>
    /// <returns>A task.</returns>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var shard in _remotes.SelectMany(r => r.Shards))
        {
            shard.Wake();
        }

        var all = Task.WhenAll(_running);
        try
        {
            await all.WaitAsync(_options.FlushTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        foreach (var remote in _remotes)
        {
            LogStopped(remote.Name, remote.SentTotal, remote.FailedTotal, remote.DroppedTotal);
            remote.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
        _abort.Dispose();
    }

    private RemoteQueue Find(string remote) =>
        Array.Find(_remotes, r => r.Name == remote) ?? throw new ArgumentException($"No remote named '{remote}'.", nameof(remote));

    [LoggerMessage(Level = LogLevel.Information, Message = "remote_write to {Remote} ({Url}) with {Shards} shards")]
    private partial void LogStarting(string remote, string url, int shards);

    [LoggerMessage(Level = LogLevel.Information, Message = "remote_write to {Remote} stopped: {Sent} samples sent, {Failed} refused, {Dropped} dropped")]
    private partial void LogStopped(string remote, long sent, long failed, long dropped);
}
