using System.Diagnostics;
using System.Threading.Channels;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Core.RemoteWrite;

namespace Dashboard.Bench.Harness.Query;

/// <summary>
/// Loads a <see cref="QueryDataSet"/> into every receiver through the same door: remote_write 1.0, each request
/// encoded once and posted to all receivers at once, the next one encoded meanwhile. One request in flight per
/// receiver, so each sees the requests in order and never a sample older than its series' newest.
/// </summary>
internal static class QueryBackfill
{
    /// <returns>The samples each receiver took.</returns>
    public static async Task<long> PushAsync(QueryDataSet data, IReadOnlyList<RemoteWriteClient> receivers, int roundsPerRequest, int seriesPerRequest,
        CancellationToken cancellationToken)
    {
        var bodies = Channel.CreateBounded<(byte[] Body, int Samples)>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var request in data.Requests(roundsPerRequest, seriesPerRequest))
                {
                    var samples = request.Timeseries.Sum(t => t.Samples.Count);
                    await bodies.Writer.WriteAsync((RemoteWriteProtocol.Encode(request), samples), cancellationToken);
                }

                bodies.Writer.Complete();
            }
            catch (Exception ex)
            {
                bodies.Writer.Complete(ex);
                throw;
            }
        }, cancellationToken);

        var sent = 0L;
        var clock = Stopwatch.StartNew();
        var nextNote = TimeSpan.FromSeconds(15);
        await foreach (var (body, samples) in bodies.Reader.ReadAllAsync(cancellationToken))
        {
            await Task.WhenAll(receivers.Select(r => r.SendAsync(body, cancellationToken)));
            sent += samples;
            if (clock.Elapsed > nextNote)
            {
                ResultLine.Note($"backfill: {sent:N0} of {data.SampleCount:N0} samples, {sent / clock.Elapsed.TotalSeconds:N0}/s into each receiver");
                nextNote += TimeSpan.FromSeconds(15);
            }
        }

        await producer;
        ResultLine.Note($"backfill: {sent:N0} samples into each of {receivers.Count} receiver(s) in {clock.Elapsed.TotalSeconds:0} s");
        return sent;
    }

    /// <summary>
    /// Waits until the servers are idle (together below <paramref name="busyCores"/> over a 5 s window), so that the
    /// head cuts and block merges the backfill set off are finished before anything is timed.
    /// </summary>
    /// <param name="cpuTimes">Each server's CPU time so far.</param>
    public static async Task SettleAsync(IReadOnlyList<Func<TimeSpan>> cpuTimes, double busyCores, TimeSpan timeout)
    {
        var window = TimeSpan.FromSeconds(5);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var before = cpuTimes.Sum(c => c().TotalSeconds);
            var start = clock.Elapsed;
            await Task.Delay(window);
            var cores = (cpuTimes.Sum(c => c().TotalSeconds) - before) / (clock.Elapsed - start).TotalSeconds;
            if (cores < busyCores)
            {
                ResultLine.Note($"servers idle ({cores:0.00} cores) after {clock.Elapsed.TotalSeconds:0} s of settling");
                return;
            }

            if (clock.Elapsed > timeout)
            {
                ResultLine.Note($"servers still busy ({cores:0.00} cores) after {timeout}; measuring anyway");
                return;
            }
        }
    }
}
