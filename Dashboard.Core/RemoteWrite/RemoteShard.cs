using System.Threading.Channels;
using Dashboard.Core.RemoteWrite.Protocol;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.RemoteWrite;

/// <summary>
/// One sender of a remote: waits until <see cref="RemoteOptions.MaxSamplesPerSend"/> samples are queued or the oldest
/// has waited <see cref="RemoteOptions.BatchSendDeadline"/>, sends them as one request, and retries that request
/// (5xx, allowed 429, no answer) until it is accepted or refused. One request at a time, so the series it owns arrive
/// in order.
/// </summary>
internal sealed partial class RemoteShard
{
    private readonly RemoteQueue _remote;
    private readonly RemoteOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly QueuedSample[] _batch;
    private readonly Dictionary<RemoteSeries, TimeSeries> _bySeries = new(ReferenceEqualityComparer.Instance);
    private int _inFlight;

    public RemoteShard(RemoteQueue remote, RemoteOptions options, TimeProvider time, ILogger logger)
    {
        _remote = remote;
        _options = options;
        _time = time;
        _logger = logger;
        Queue = new ShardQueue(options.Capacity, time);
        _batch = new QueuedSample[options.MaxSamplesPerSend];
    }

    public ShardQueue Queue { get; }

    /// <summary>Samples queued or in the request being sent.</summary>
    public long Pending => Queue.Count + Volatile.Read(ref _inFlight);

    /// <summary>Tells the sender a full batch is waiting (or that it should stop waiting).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Sends until <paramref name="stopping"/>, then sends what is queued until it is empty or <paramref name="abort"/>.</summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        while (!abort.IsCancellationRequested)
        {
            if (!Queue.IsBatchReady(_options.MaxSamplesPerSend, _options.BatchSendDeadline, out var wait) && !stopping.IsCancellationRequested)
            {
                await WaitAsync(wait, stopping).ConfigureAwait(false);
                continue;
            }

            var taken = Queue.Take(_batch);
            if (taken == 0)
            {
                // Only reached once stopping: everything queued has been sent.
                return;
            }

            Volatile.Write(ref _inFlight, taken);
            try
            {
                await SendAsync(taken, abort).ConfigureAwait(false);
            }
            finally
            {
                Array.Clear(_batch, 0, taken);
                Volatile.Write(ref _inFlight, 0);
            }
        }

        _remote.Dropped(Queue.Clear(), RemoteQueue.ShutdownReason);
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stopping)
    {
        using var deadline = wait == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(wait, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline?.Token ?? CancellationToken.None);
        try
        {
            await _wake.Reader.WaitToReadAsync(either.Token).ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException)
        {
            // The deadline passed or a stop began: the loop looks at the queue again.
        }
    }

    private async Task SendAsync(int count, CancellationToken abort)
    {
        var body = Encode(_batch.AsSpan(0, count));
        var backoff = new Backoff(_options.MinBackoff, _options.MaxBackoff);
        for (var attempt = 1; ; attempt++)
        {
            var started = _time.GetTimestamp();
            SendResult result;
            try
            {
                result = await _remote.Endpoint.SendAsync(body, abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                _remote.Dropped(count, RemoteQueue.ShutdownReason);
                return;
            }

            _remote.Metrics.RecordAttempt(_remote.Name, _time.GetElapsedTime(started));
            switch (result.Kind)
            {
                case SendResultKind.Sent:
                    _remote.Sent(count);
                    return;
                case SendResultKind.Refused:
                    _remote.Failed(count);
                    LogRefused(_remote.Name, (int?)result.Status, count, result.Error);
                    return;
                default:
                    var delay = backoff.Next(result.RetryAfter);
                    _remote.Retried(count);
                    LogRetrying(_remote.Name, (int?)result.Status, result.Error, attempt, delay.TotalMilliseconds);
                    try
                    {
                        await Task.Delay(delay, _time, abort).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        _remote.Dropped(count, RemoteQueue.ShutdownReason);
                        return;
                    }

                    break;
            }
        }
    }

    /// <summary>One request: one TimeSeries per series of the batch, its samples in queue (so time) order.</summary>
    private byte[] Encode(ReadOnlySpan<QueuedSample> samples)
    {
        var request = new WriteRequest();
        foreach (ref readonly var sample in samples)
        {
            if (!_bySeries.TryGetValue(sample.Series, out var series))
            {
                series = new TimeSeries();
                series.Labels.AddRange(sample.Series.Labels);
                _bySeries.Add(sample.Series, series);
                request.Timeseries.Add(series);
            }

            series.Samples.Add(new Sample { Timestamp = sample.TimestampMs, Value = sample.Value });
        }

        _bySeries.Clear();
        return RemoteWriteProtocol.Encode(request);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "remote_write to {Remote}: attempt {Attempt} failed (status {Status}: {Error}); retrying in {DelayMs:F0} ms")]
    private partial void LogRetrying(string remote, int? status, string? error, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "remote_write to {Remote} refused a request (status {Status}): {Samples} samples dropped, not retried: {Error}")]
    private partial void LogRefused(string remote, int? status, int samples, string? error);
}
