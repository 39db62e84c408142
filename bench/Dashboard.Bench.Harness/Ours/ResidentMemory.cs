namespace Dashboard.Bench.Harness.Ours;

/// <summary>This process's resident memory, read the way P2 reads Prometheus's: after a full collection, as a median.</summary>
internal static class ResidentMemory
{
    /// <summary>The median of <paramref name="readings"/> RSS readings (KiB) one second apart.</summary>
    public static async Task<double> MedianKibAsync(int readings)
    {
        var values = new List<double>(readings);
        for (var i = 0; i < readings; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            values.Add(ProcessStats.ResidentKib());
        }

        return Percentiles.Of(Percentiles.Sorted(values), 50);
    }

    /// <summary>Bytes of the managed heap after a full compacting collection: live objects, the analogue of Go's heap in use.</summary>
    public static long CollectAndMeasureHeap()
    {
        ProcessStats.CollectFully();
        return GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
    }
}
