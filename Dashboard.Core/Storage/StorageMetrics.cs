using System.Diagnostics.Metrics;
using Dashboard.Core.Storage.Head;

namespace Dashboard.Core.Storage;

/// <summary>The store's own measurements, on the <c>Dashboard.Storage</c> meter.</summary>
public sealed class StorageMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Dashboard.Storage";

    private static readonly AppendOutcome[] Refusals =
        [AppendOutcome.OutOfOrder, AppendOutcome.Duplicate, AppendOutcome.DuplicateTimestamp, AppendOutcome.TooOld];

    private readonly Meter _meter;
    private readonly Counter<long> _appended;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _compactions;
    private readonly Counter<long> _compactionFailures;
    private readonly Counter<long> _corruptBlocks;
    private readonly Counter<long> _walFlushFailures;
    private readonly KeyValuePair<string, object?>[] _reasonTags;
    private readonly long[] _rejectedByReason = new long[Refusals.Length];
    private long _appendedTotal;

    /// <summary>Creates the instruments.</summary>
    /// <param name="meterFactory">The host's meter factory.</param>
    public StorageMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _appended = _meter.CreateCounter<long>("dashboard.storage.samples.appended", "{sample}", "Samples stored.");
        _rejected = _meter.CreateCounter<long>("dashboard.storage.samples.rejected", "{sample}",
            "Samples refused, by reason: out_of_order, duplicate, duplicate_timestamp, too_old.");
        _compactions = _meter.CreateCounter<long>("dashboard.storage.compactions", "{compaction}",
            "Blocks written, by kind: head (cut from memory) or merge (small blocks into one).");
        _compactionFailures = _meter.CreateCounter<long>("dashboard.storage.compaction.failures", "{compaction}",
            "Head cuts or merges that failed (the data stays where it was).");
        _corruptBlocks = _meter.CreateCounter<long>("dashboard.storage.blocks.corrupt", "{block}",
            "Blocks skipped at start because a file was missing, truncated or failed its checksum.");
        _walFlushFailures = _meter.CreateCounter<long>("dashboard.storage.wal.flush.failures", "{flush}",
            "Write-ahead-log flushes that failed (disk full, I/O error).");
        _reasonTags = [.. Refusals.Select(r => new KeyValuePair<string, object?>("reason", ReasonName(r)))];
    }

    /// <summary>Samples stored since start.</summary>
    public long AppendedTotal => Interlocked.Read(ref _appendedTotal);

    /// <summary>Samples refused since start, for one reason.</summary>
    /// <param name="outcome">The reason.</param>
    /// <returns>The count.</returns>
    public long RejectedTotal(AppendOutcome outcome) =>
        outcome == AppendOutcome.Appended ? 0 : Interlocked.Read(ref _rejectedByReason[Array.IndexOf(Refusals, outcome)]);

    /// <summary>The snake_case name of a refusal reason, as tagged.</summary>
    /// <param name="outcome">The reason.</param>
    /// <returns>Its name.</returns>
    public static string ReasonName(AppendOutcome outcome) => outcome switch
    {
        AppendOutcome.OutOfOrder => "out_of_order",
        AppendOutcome.Duplicate => "duplicate",
        AppendOutcome.DuplicateTimestamp => "duplicate_timestamp",
        AppendOutcome.TooOld => "too_old",
        _ => "appended",
    };

    /// <summary>Publishes the store's sizes as observable gauges.</summary>
    /// <param name="store">The store.</param>
    internal void Observe(TsdbStore store)
    {
        _meter.CreateObservableGauge("dashboard.storage.head.series", () => store.HeadSeries, "{series}",
            "Series in the head (recent data in memory).");
        _meter.CreateObservableGauge("dashboard.storage.blocks", () => store.BlockCount, "{block}", "Blocks on disk.");
        _meter.CreateObservableGauge("dashboard.storage.disk.size", () => store.DiskBytes, "By",
            "Bytes the store takes on disk: blocks, write-ahead log and head snapshot.");
        _meter.CreateObservableGauge("dashboard.storage.wal.size", () => store.WalBytes, "By", "Bytes of write-ahead log on disk.");
    }

    /// <summary>Counts a batch's outcomes at once, so the hot path adds to locals only.</summary>
    /// <param name="appended">Samples stored.</param>
    /// <param name="rejected">Refusals, indexed like <see cref="AppendOutcome"/> minus one.</param>
    internal void RecordAppends(long appended, ReadOnlySpan<long> rejected)
    {
        if (appended > 0)
        {
            Interlocked.Add(ref _appendedTotal, appended);
            _appended.Add(appended);
        }

        for (var i = 0; i < rejected.Length; i++)
        {
            if (rejected[i] > 0)
            {
                Interlocked.Add(ref _rejectedByReason[i], rejected[i]);
                _rejected.Add(rejected[i], _reasonTags[i]);
            }
        }
    }

    internal void RecordCompaction(string kind) => _compactions.Add(1, new KeyValuePair<string, object?>("kind", kind));

    internal void RecordCompactionFailure(string kind) =>
        _compactionFailures.Add(1, new KeyValuePair<string, object?>("kind", kind));

    internal void RecordCorruptBlock() => _corruptBlocks.Add(1);

    internal void RecordWalFlushFailure() => _walFlushFailures.Add(1);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
