using Dashboard.Abstractions;
using Dashboard.Core.Storage.Wal;

namespace Dashboard.Core.Tests.Storage.Wal;

/// <summary>A writer that also remembers what it logged (as <see cref="WalEntries"/>) and, after each flush, where
/// the records written so far end: the record boundaries of a single-segment log.</summary>
internal sealed class LoggedWal : IDisposable
{
    public LoggedWal(string directory, WalOptions? options = null)
    {
        Writer = new WalWriter(directory, options ?? new WalOptions());
    }

    public WalWriter Writer { get; }

    public List<string> Entries { get; } = [];

    /// <summary>For each flush: the segment's size after it and how many entries it held then.</summary>
    public List<(long Offset, int Entries)> Boundaries { get; } = [];

    public LoggedWal Series(int seriesRef, params Label[] labels)
    {
        Writer.LogSeries(seriesRef, labels);
        Entries.Add(WalEntries.Series(seriesRef, labels));
        return this;
    }

    public LoggedWal Samples(params WalSample[] samples)
    {
        Writer.LogSamples(samples);
        Entries.AddRange(samples.Select(WalEntries.Sample));
        return this;
    }

    /// <summary>Flushes, which seals the open record: each call ends one record.</summary>
    public LoggedWal Flush()
    {
        Writer.Flush(fsync: false);
        Boundaries.Add((Writer.SizeBytes, Entries.Count));
        return this;
    }

    public void Dispose() => Writer.Dispose();
}
