using System.Globalization;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Bench;

/// <summary>Prints bytes per sample of 120-sample chunks for each synthetic series kind: as appended (Xor) and compacted.</summary>
public static class ChunkSizeReport
{
    private const int SamplesPerChunk = 120;
    private const int Chunks = 100;

    /// <summary>Writes the table to the console, as Markdown.</summary>
    public static void Print()
    {
        Console.WriteLine($"Bytes per sample, {Chunks} chunks of {SamplesPerChunk} samples every {SyntheticSeries.IntervalMs / 1000} s");
        Console.WriteLine();
        Console.WriteLine("| kind | jitter | Xor | compacted | compacted as |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var kind in Enum.GetValues<SeriesKind>())
        {
            foreach (var jitter in new[] { 0, 2, 5 })
            {
                long xorBytes = 0, compactedBytes = 0;
                var scaled = 0;
                for (var seed = 0; seed < Chunks; seed++)
                {
                    var xor = Encode(kind, jitter, seed);
                    var compacted = ChunkRecoder.Compact(xor);
                    xorBytes += xor.Data.Length;
                    compactedBytes += compacted.Data.Length;
                    scaled += compacted.Encoding == ChunkEncoding.ScaledDecimal ? 1 : 0;
                }

                double samples = Chunks * SamplesPerChunk;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {kind} | ±{jitter} ms | {xorBytes / samples:F3} | {compactedBytes / samples:F3} | {(scaled == Chunks ? "ScaledDecimal" : scaled == 0 ? "Xor" : $"{scaled}% ScaledDecimal")} |"));
            }
        }
    }

    /// <summary>Appends one chunk of a synthetic series.</summary>
    /// <param name="kind">The series' shape.</param>
    /// <param name="jitterMs">Scrape jitter.</param>
    /// <param name="seed">Which series.</param>
    /// <returns>The sealed Xor chunk.</returns>
    public static StoredChunk Encode(SeriesKind kind, int jitterMs, int seed)
    {
        var (timestamps, values) = SyntheticSeries.Make(kind, SamplesPerChunk, jitterMs, seed);
        var appender = new XorChunkAppender();
        for (var i = 0; i < timestamps.Length; i++)
        {
            appender.Append(timestamps[i], values[i]);
        }

        return appender.Seal();
    }
}
