using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Collection;

/// <summary>Settings of the collection scheduler (<c>Dashboard:Collection</c>).</summary>
public sealed class CollectionOptions
{
    /// <summary>Collects that may run at once, across all instances.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrency { get; set; } = Math.Max(4, Environment.ProcessorCount * 4);

    /// <summary>Completed collects that may wait for the consumers before new ones are dropped.</summary>
    [Range(1, 1_000_000)]
    public int ChannelCapacity { get; set; } = 4096;

    /// <summary>The most series one instance may have; new series beyond it are refused and counted.</summary>
    [Range(1, 10_000_000)]
    public int MaxSeriesPerInstance { get; set; } = 100_000;

    /// <summary>After a collect's timeout fires, how long the host waits for it to honour cancellation before
    /// abandoning it and freeing its worker.</summary>
    public TimeSpan AbandonGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause that backoff after consecutive failures may add between collects.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
