using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.RemoteWrite;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.RemoteWrite;

/// <summary>A started <see cref="RemoteWriteSink"/> with one remote, fed through a real sample writer.</summary>
internal sealed class RemoteWriteSinkFixture : IAsyncDisposable
{
    private readonly TestMeterFactory _meters = new();
    private readonly InstanceSampleWriter _writer = new("rw-test", new SeriesTable(new Dictionary<string, string> { ["env"] = "test" }, 100_000));

    public RemoteWriteSinkFixture(RemoteOptions remote, TimeSpan? flushTimeout = null)
    {
        remote.Name = "test";
        var options = new RemoteWriteOptions { FlushTimeout = flushTimeout ?? TimeSpan.FromSeconds(10) };
        options.Remotes.Add(remote);
        Metrics = new RemoteWriteMetrics(_meters);
        Sink = new RemoteWriteSink(Options.Create(options), Metrics, TimeProvider.System, NullLogger<RemoteWriteSink>.Instance);
        Sink.Start();
    }

    public RemoteWriteSink Sink { get; }

    public RemoteWriteMetrics Metrics { get; }

    public long Sent => Sink.SentTotal("test");

    /// <summary>One collect: a sample per (metric, label value, value), all at <paramref name="timestampMs"/>.</summary>
    public int Collect(long timestampMs, IEnumerable<(string Metric, string Label, double Value)> samples)
    {
        _writer.Begin(DateTimeOffset.FromUnixTimeMilliseconds(timestampMs));
        var count = 0;
        foreach (var (metric, label, value) in samples)
        {
            _writer.Write(metric, MetricKind.Gauge, [new Label("series", label)], value);
            count++;
        }

        var batch = _writer.Complete();
        Sink.Accept(batch);
        batch.Release();
        return count;
    }

    public async Task WaitSentAsync(long samples, double seconds = 30) =>
        await Eventually.TrueAsync(() => Sent >= samples, TimeSpan.FromSeconds(seconds),
            $"{samples} samples sent; sent {Sent}, failed {Sink.FailedTotal("test")}, dropped {Sink.DroppedTotal("test")}, pending {Sink.Pending("test")}");

    public async ValueTask DisposeAsync()
    {
        await Sink.DisposeAsync();
        Metrics.Dispose();
        _meters.Dispose();
    }
}
