using Dashboard.Abstractions;
using Dashboard.Core.Storage.Wal;

namespace Dashboard.Core.Tests.Storage.Wal;

/// <summary>Keeps every replayed record, in order, as <see cref="WalEntries"/> strings.</summary>
internal sealed class RecordingVisitor : IWalVisitor
{
    public List<string> Entries { get; } = [];

    public void OnSeries(int seriesRef, Label[] labels) => Entries.Add(WalEntries.Series(seriesRef, labels));

    public void OnSamples(ReadOnlySpan<WalSample> samples)
    {
        foreach (var sample in samples)
        {
            Entries.Add(WalEntries.Sample(sample));
        }
    }
}
