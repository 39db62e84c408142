namespace Dashboard.UI.Live;

/// <summary>The host's vital signs at one time.</summary>
/// <param name="SamplesPerSecond">Samples stored per second lately, or <see langword="null"/> until two reads were made.</param>
/// <param name="Series">Series in the store's head (those written recently).</param>
/// <param name="StoreBytes">The store's size on disk: blocks, write-ahead log, head chunks.</param>
/// <param name="WorkingSetBytes">The process's resident memory.</param>
/// <param name="GcHeapBytes">The managed heap's size after the last garbage collection.</param>
/// <param name="Uptime">Time since the process started.</param>
public sealed record HostHealthSnapshot(double? SamplesPerSecond, int Series, long StoreBytes, long WorkingSetBytes,
    long GcHeapBytes, TimeSpan Uptime);
