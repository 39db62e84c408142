using System.Diagnostics;
using Dashboard.Bench.Harness.StorageData;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>
/// P1, Prometheus side: bytes per sample on disk. Each data set (one per synthetic kind, or the node-exporter dump) is
/// written as OpenMetrics, made into blocks by <c>promtool tsdb create-blocks-from openmetrics</c>, and weighed:
/// all files of all blocks ÷ the <c>numSamples</c> their meta.json files report.
/// </summary>
internal static class PeerP1Benchmark
{
    public const string DefaultDump = "/work/capture/node/node-exporter.dump";

    public static async Task RunAsync(HarnessArguments args)
    {
        var data = args.Text("data") ?? "synthetic";
        var maxBlockDuration = args.Text("max-block-duration") ?? "54h";
        var timeout = TimeSpan.FromSeconds(args.Int("timeout-s", 1800));
        using var work = new BenchWorkFolder(args, "peer-p1");
        switch (data)
        {
            case "synthetic":
                var seriesPerKind = args.Int("series", 1000);
                var count = args.Int("count", 2880);
                var intervalMs = args.Int("interval-ms", 15_000, min: 10);
                var seed = (ulong)args.Int("seed", 1, min: 0);
                var startMs = args.Long("start-ms", StorageBenchData.DefaultStartMs);
                var jitterMs = args.Int("jitter-ms", StorageBenchData.DefaultJitterMs, min: 0);
                foreach (var kind in SeriesKinds.Parse(args.Text("kinds")))
                {
                    var set = new StorageBenchData([kind], seriesPerKind, startMs, intervalMs, count, seed, jitterMs);
                    ResultLine.Note($"P1 {set}");
                    await MeasureAsync(SeriesKinds.Name(kind), set.SeriesOrdered(), work, maxBlockDuration, timeout);
                }

                break;
            case "node":
                var dump = args.Text("dump") ?? DefaultDump;
                if (!File.Exists(dump))
                {
                    throw new ArgumentException($"No node-exporter dump at {dump}; bench/peers/capture-node-exporter.sh makes it.");
                }

                ResultLine.Note($"P1 node-exporter dump {dump}");
                await MeasureAsync("node", PromtoolDumpReader.Read(dump), work, maxBlockDuration, timeout);
                break;
            default:
                throw new ArgumentException($"--data is synthetic or node, not '{data}'.");
        }
    }

    private static async Task MeasureAsync(string kind, IEnumerable<BenchSample> samples, BenchWorkFolder work, string maxBlockDuration, TimeSpan timeout)
    {
        var text = work.Combine($"{kind}.om");
        var blocks = work.Combine($"{kind}-blocks");
        var clock = Stopwatch.StartNew();
        var written = OpenMetricsWriter.Write(samples, text);
        ResultLine.Note($"{kind}: {written:N0} samples, {new FileInfo(text).Length:N0} bytes of OpenMetrics in {clock.Elapsed.TotalSeconds:0.0} s");

        clock.Restart();
        await PromtoolBlocks.CreateAsync(text, blocks, maxBlockDuration, timeout, CancellationToken.None);
        var footprint = PromtoolBlocks.Measure(blocks);
        ResultLine.Note($"{kind}: promtool made {footprint.Blocks} block(s), {footprint.Bytes:N0} bytes, {footprint.Series:N0} series in {clock.Elapsed.TotalSeconds:0.0} s");
        // A sample promtool skipped would flatter it; the counts must agree exactly.
        if (footprint.Samples != written)
        {
            throw new InvalidOperationException($"{kind}: wrote {written} samples but the blocks hold {footprint.Samples}.");
        }

        ResultLine.Write("prometheus_p1_bytes_per_sample", kind, footprint.BytesPerSample, "bytes/sample");
        ResultLine.Write("prometheus_p1_chunk_bytes_per_sample", kind, (double)footprint.ChunkBytes / footprint.Samples, "bytes/sample");
        ResultLine.Write("prometheus_p1_index_bytes", kind, footprint.IndexBytes, "bytes");
        ResultLine.Write("prometheus_p1_samples", kind, footprint.Samples, "samples");
        ResultLine.Write("prometheus_p1_series", kind, footprint.Series, "series");
        ResultLine.Write("prometheus_p1_blocks", kind, footprint.Blocks, "blocks");

        File.Delete(text);
        if (!work.Keep)
        {
            Directory.Delete(blocks, recursive: true);
        }
    }
}
