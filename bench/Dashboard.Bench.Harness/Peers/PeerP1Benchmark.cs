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
    public static async Task RunAsync(HarnessArguments args)
    {
        var maxBlockDuration = args.Text("max-block-duration") ?? "54h";
        var timeout = TimeSpan.FromSeconds(args.Int("timeout-s", 1800));
        using var work = new BenchWorkFolder(args, "peer-p1");
        foreach (var (kind, samples) in P1DataSets.From(args))
        {
            await MeasureAsync(kind, samples, work, maxBlockDuration, timeout);
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
