using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Storage;

/// <summary>Settings of the embedded store (<c>Dashboard:Storage</c>). The defaults are documented in docs/storage.md.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Storage";

    /// <summary>The store's folder; relative paths resolve against <c>Dashboard:DataPath</c>.</summary>
    [Required]
    public string Path { get; set; } = "tsdb";

    /// <summary>How often buffered write-ahead-log records are written out: the most a <c>kill -9</c> can lose.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan WalFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether each flush also fsyncs, so a power loss (not only a crash) loses at most one interval.</summary>
    public bool WalFsync { get; set; } = true;

    /// <summary>The time range one block covers when the head is cut; larger blocks are made by compaction.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan BlockDuration { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Blocks whose newest sample is older than this (relative to the newest sample stored) are deleted.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(15);

    /// <summary>The most bytes blocks, log and snapshot may take; the oldest blocks go first. 0 turns the limit off.</summary>
    [Range(0, long.MaxValue)]
    public long RetentionBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>Samples per chunk in the head before a new chunk is cut (Prometheus uses 120).</summary>
    [Range(8, 4096)]
    public int HeadChunkSamples { get; set; } = 120;

    /// <summary>Samples per chunk when the head's chunks are rewritten into a block: longer chunks are denser.</summary>
    [Range(8, 65536)]
    public int BlockChunkSamples { get; set; } = 480;

    /// <summary>How often compaction and retention run.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(1);
}
