using System.Threading.Channels;

namespace Dashboard.Core.Collection;

/// <summary>
/// The bounded hand-off from the scheduler to the consumers. Collects never wait on it: when consumers fall behind,
/// a batch is dropped and counted rather than stalling collection.
/// </summary>
public sealed class SampleChannel
{
    private readonly Channel<SampleBatch> _channel;
    private long _droppedBatches;
    private long _droppedSamples;

    /// <summary>Creates a channel holding at most <paramref name="capacity"/> batches.</summary>
    /// <param name="capacity">The most batches waiting for consumers.</param>
    public SampleChannel(int capacity)
    {
        _channel = Channel.CreateBounded<SampleBatch>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Batches dropped because the channel was full.</summary>
    public long DroppedBatches => Interlocked.Read(ref _droppedBatches);

    /// <summary>Samples in those batches.</summary>
    public long DroppedSamples => Interlocked.Read(ref _droppedSamples);

    /// <summary>The consumers' end.</summary>
    public ChannelReader<SampleBatch> Reader => _channel.Reader;

    /// <summary>Offers a batch; drops and counts it if the channel is full.</summary>
    /// <param name="batch">The batch, whose ownership passes to the channel either way.</param>
    /// <returns>Whether it was accepted.</returns>
    public bool TryPublish(SampleBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_channel.Writer.TryWrite(batch))
        {
            return true;
        }

        Interlocked.Increment(ref _droppedBatches);
        Interlocked.Add(ref _droppedSamples, batch.Count);
        batch.Release();
        return false;
    }

    /// <summary>Tells the consumers no more batches will come.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
