using System.Globalization;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Bench;

/// <summary>
/// Encodes real samples (a <c>promtool tsdb dump</c>, as bench/peers/capture-node-exporter.sh records) in 120-sample
/// chunks per series, checks that every chunk decodes bit for bit, and prints bytes per sample: Prometheus's XOR format
/// (<see cref="PrometheusXorSize"/>), our Xor head chunks, and our compacted chunks.
/// </summary>
public static class ChunkDumpReport
{
    private const int SamplesPerChunk = 120;

    /// <summary>Reads the dump and prints the report.</summary>
    /// <param name="path">The dump: one <c>{labels} value timestamp</c> line per sample.</param>
    public static void Print(string path)
    {
        var series = Read(path);
        long samples = 0, prometheus = 0, xor = 0, compacted = 0, chunks = 0, scaled = 0;
        foreach (var (timestamps, values) in series.Values)
        {
            for (var start = 0; start < timestamps.Count; start += SamplesPerChunk)
            {
                var count = Math.Min(SamplesPerChunk, timestamps.Count - start);
                var chunkTimestamps = timestamps.GetRange(start, count).ToArray();
                var chunkValues = values.GetRange(start, count).ToArray();
                var appender = new XorChunkAppender();
                for (var i = 0; i < count; i++)
                {
                    appender.Append(chunkTimestamps[i], chunkValues[i]);
                }

                var sealedChunk = appender.Seal();
                var compactedChunk = ChunkRecoder.Compact(sealedChunk);
                Verify(compactedChunk, chunkTimestamps, chunkValues);
                samples += count;
                chunks++;
                prometheus += PrometheusXorSize.Bytes(chunkTimestamps, chunkValues);
                xor += sealedChunk.Data.Length;
                compacted += compactedChunk.Data.Length;
                scaled += compactedChunk.Encoding == ChunkEncoding.ScaledDecimal ? 1 : 0;
            }
        }

        double perSample = samples;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {series.Count} series, {samples} samples, {chunks} chunks of up to {SamplesPerChunk} ({scaled} compacted to ScaledDecimal); chunk data only
            Prometheus XOR format: {prometheus / perSample:F3} B/sample
            our Xor (head):        {xor / perSample:F3} B/sample
            our compacted:         {compacted / perSample:F3} B/sample ({compacted / (double)prometheus:F3} of Prometheus)
            """));
    }

    private static Dictionary<string, (List<long> Timestamps, List<double> Values)> Read(string path)
    {
        var series = new Dictionary<string, (List<long>, List<double>)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var timestampAt = line.LastIndexOf(' ');
            var valueAt = line.LastIndexOf(' ', timestampAt - 1);
            var labels = line[..valueAt];
            if (!series.TryGetValue(labels, out var samples))
            {
                series[labels] = samples = ([], []);
            }

            var timestamp = long.Parse(line.AsSpan(timestampAt + 1), CultureInfo.InvariantCulture);
            if (samples.Item1.Count > 0 && timestamp <= samples.Item1[^1])
            {
                continue;
            }

            samples.Item1.Add(timestamp);
            samples.Item2.Add(ParseValue(line.AsSpan(valueAt + 1, timestampAt - valueAt - 1)));
        }

        return series;
    }

    private static double ParseValue(ReadOnlySpan<char> text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    private static void Verify(StoredChunk chunk, long[] timestamps, double[] values)
    {
        var iterator = new ChunkIterator(chunk);
        var i = 0;
        while (iterator.MoveNext())
        {
            if (iterator.Timestamp != timestamps[i] || BitConverter.DoubleToUInt64Bits(iterator.Value) != BitConverter.DoubleToUInt64Bits(values[i]))
            {
                throw new InvalidOperationException($"Sample {i} of a chunk does not decode as appended.");
            }

            i++;
        }

        if (i != timestamps.Length)
        {
            throw new InvalidOperationException($"A chunk decodes {i} samples, not {timestamps.Length}.");
        }
    }
}
