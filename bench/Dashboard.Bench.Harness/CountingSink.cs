using Dashboard.Core.Collection;

namespace Dashboard.Bench.Harness;

/// <summary>Counts what the ingestor delivers.</summary>
internal sealed class CountingSink : ISampleSink
{
    private long _batches;
    private long _samples;

    public long Batches => Interlocked.Read(ref _batches);

    public long Samples => Interlocked.Read(ref _samples);

    public void Accept(SampleBatch batch)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _samples, batch.Count);
    }
}
