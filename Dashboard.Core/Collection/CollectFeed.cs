namespace Dashboard.Core.Collection;

/// <summary>
/// Tells live readers (the UI's overview and charts) that a collect reached the store, so they refresh when there is
/// something new instead of polling. Registered as the last sink: when <see cref="Collected"/> fires, the samples are
/// already queryable.
/// </summary>
public sealed class CollectFeed : ISampleSink
{
    /// <summary>Raised on the ingest loop after each collect is stored. Handlers must return at once (hand work off).</summary>
    public event EventHandler<CollectNotice>? Collected;

    /// <inheritdoc />
    public void Accept(SampleBatch batch) =>
        Collected?.Invoke(this, new CollectNotice(batch.InstanceId, batch.CollectedAt, batch.Count));
}

/// <summary>One stored collect.</summary>
/// <param name="InstanceId">The instance that collected.</param>
/// <param name="CollectedAt">When the collect started.</param>
/// <param name="SampleCount">How many samples it wrote.</param>
public sealed record CollectNotice(string InstanceId, DateTimeOffset CollectedAt, int SampleCount);
