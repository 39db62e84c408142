using System.Diagnostics;
using Dashboard.Bench.Harness.StorageData;
using Dashboard.Core.RemoteWrite.Protocol;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>
/// Feeds a whole <see cref="StorageBenchData"/> set to a remote_write receiver, oldest rounds first.
/// The receiver refuses a sample older than its series' newest, and two requests in flight may be applied in either
/// order; so each sender owns a fixed share of the series (index modulo senders), and the senders move through the
/// rounds in step, a group of rounds at a time. One request carries up to <c>batchSamples</c> samples.
/// </summary>
internal static class RemoteWritePusher
{
    /// <returns>The samples sent.</returns>
    public static async Task<long> PushAsync(StorageBenchData data, Uri baseAddress, int batchSamples, int senders, CancellationToken cancellationToken)
    {
        var series = data.CreateSeries();
        // Messages are only read when serialized, so every request can share one set of label messages per series.
        var labels = series.Select(s => s.Series.Labels.Select(l => new Label { Name = l.Name, Value = l.Value }).ToArray()).ToArray();
        using var client = new RemoteWriteClient(baseAddress);
        var roundsPerGroup = Math.Max(1, (int)Math.Ceiling((double)batchSamples * senders / series.Length));
        var sent = 0L;
        var clock = Stopwatch.StartNew();
        var nextNote = TimeSpan.FromSeconds(10);
        for (var first = 0; first < data.Count; first += roundsPerGroup)
        {
            var rounds = Math.Min(roundsPerGroup, data.Count - first);
            await Task.WhenAll(Enumerable.Range(0, senders).Select(sender =>
                Task.Run(() => SendShareAsync(client, series, labels, sender, senders, rounds, batchSamples, cancellationToken), cancellationToken)));
            sent += (long)rounds * series.Length;
            if (clock.Elapsed > nextNote)
            {
                ResultLine.Note($"remote_write: {sent:N0} of {data.SampleCount:N0} samples, {sent / clock.Elapsed.TotalSeconds:N0}/s");
                nextNote += TimeSpan.FromSeconds(10);
            }
        }

        return sent;
    }

    private static async Task SendShareAsync(RemoteWriteClient client, SyntheticSeries[] series, Label[][] labels, int sender, int senders,
        int rounds, int batchSamples, CancellationToken cancellationToken)
    {
        var request = new WriteRequest();
        var inRequest = new Dictionary<int, TimeSeries>();
        var samples = 0;
        for (var round = 0; round < rounds; round++)
        {
            for (var i = sender; i < series.Length; i += senders)
            {
                if (!inRequest.TryGetValue(i, out var timeSeries))
                {
                    timeSeries = new TimeSeries();
                    timeSeries.Labels.AddRange(labels[i]);
                    inRequest.Add(i, timeSeries);
                    request.Timeseries.Add(timeSeries);
                }

                var sample = series[i].Next();
                timeSeries.Samples.Add(new Sample { Value = sample.Value, Timestamp = sample.TimestampMs });
                if (++samples == batchSamples)
                {
                    await client.SendAsync(request, cancellationToken);
                    request = new WriteRequest();
                    inRequest.Clear();
                    samples = 0;
                }
            }
        }

        if (samples > 0)
        {
            await client.SendAsync(request, cancellationToken);
        }
    }
}
