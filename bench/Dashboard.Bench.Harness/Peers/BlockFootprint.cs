namespace Dashboard.Bench.Harness.Peers;

/// <summary>What the TSDB blocks under one folder hold and weigh: every file of every block, meta and tombstones too.</summary>
internal sealed record BlockFootprint(int Blocks, long Samples, long Series, long Bytes, long ChunkBytes, long IndexBytes)
{
    public double BytesPerSample => Samples == 0 ? double.NaN : (double)Bytes / Samples;
}
