using Dashboard.Core.RemoteWrite;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.RemoteWrite;

public sealed class ShardQueueTests
{
    private static readonly RemoteSeries Series = RemoteSeries.Create("m", []);

    [Fact]
    public void Samples_come_out_oldest_first_in_batches_of_at_most_the_span()
    {
        var queue = new ShardQueue(10, new FakeTimeProvider());
        for (var i = 0; i < 7; i++)
        {
            queue.Enqueue(new QueuedSample(Series, i, i), out _);
        }

        var batch = new QueuedSample[5];
        Assert.Equal(5, queue.Take(batch));
        Assert.Equal([0L, 1, 2, 3, 4], batch.Select(s => s.TimestampMs));
        Assert.Equal(2, queue.Take(batch));
        Assert.Equal([5L, 6], batch.Take(2).Select(s => s.TimestampMs));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void A_full_queue_drops_its_oldest_sample_for_the_newest_and_says_so()
    {
        var queue = new ShardQueue(3, new FakeTimeProvider());
        var dropped = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            queue.Enqueue(new QueuedSample(Series, i, i), out var oldestDropped);
            dropped.Add(oldestDropped);
        }

        Assert.Equal([false, false, false, true, true], dropped);
        var batch = new QueuedSample[10];
        Assert.Equal(3, queue.Take(batch));
        Assert.Equal([2L, 3, 4], batch.Take(3).Select(s => s.TimestampMs));
    }

    [Fact]
    public void A_full_batch_is_ready_at_once_and_a_partial_one_when_its_oldest_sample_has_waited_the_deadline()
    {
        var time = new FakeTimeProvider();
        var queue = new ShardQueue(100, time);
        var deadline = TimeSpan.FromSeconds(5);

        Assert.False(queue.IsBatchReady(3, deadline, out var idle));
        Assert.Equal(Timeout.InfiniteTimeSpan, idle);

        queue.Enqueue(new QueuedSample(Series, 1, 1), out _);
        time.Advance(TimeSpan.FromSeconds(2));
        queue.Enqueue(new QueuedSample(Series, 2, 2), out _);
        Assert.False(queue.IsBatchReady(3, deadline, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(3), wait);

        time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(queue.IsBatchReady(3, deadline, out _));

        queue.Take(new QueuedSample[10]);
        queue.Enqueue(new QueuedSample(Series, 3, 3), out _);
        queue.Enqueue(new QueuedSample(Series, 4, 4), out _);
        Assert.False(queue.IsBatchReady(3, deadline, out _));
        queue.Enqueue(new QueuedSample(Series, 5, 5), out _);
        Assert.True(queue.IsBatchReady(3, deadline, out _));
    }

    [Fact]
    public void Clear_empties_the_queue_and_counts_what_it_held()
    {
        var queue = new ShardQueue(4, new FakeTimeProvider());
        for (var i = 0; i < 6; i++)
        {
            queue.Enqueue(new QueuedSample(Series, i, i), out _);
        }

        Assert.Equal(4, queue.Clear());
        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.Take(new QueuedSample[4]));
    }
}
