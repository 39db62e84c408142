namespace Dashboard.Core.Collection;

/// <summary>A consumer of completed collects (latest values, the store, remote_write).</summary>
public interface ISampleSink
{
    /// <summary>Takes in a batch. The batch is released after every sink has seen it: copy what must outlive the call.</summary>
    /// <param name="batch">A completed collect.</param>
    void Accept(SampleBatch batch);
}
