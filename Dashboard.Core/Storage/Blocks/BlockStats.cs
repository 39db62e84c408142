namespace Dashboard.Core.Storage.Blocks;

/// <summary>What a block holds, counted when it was written.</summary>
/// <param name="NumSeries">Series (rows of <c>series.arrow</c>).</param>
/// <param name="NumChunks">Chunks (rows of <c>chunks.arrow</c>).</param>
/// <param name="NumSamples">Samples, the sum of the chunks' counts.</param>
public sealed record BlockStats(long NumSeries, long NumChunks, long NumSamples);
