using System.Globalization;
using Dashboard.Abstractions;
using Dashboard.Core.Storage.Wal;

namespace Dashboard.Core.Tests.Storage.Wal;

/// <summary>Logged or replayed records as unambiguous strings: values by their bits, strings length-prefixed, so
/// comparing lists compares everything and a failure shows the first difference readably.</summary>
internal static class WalEntries
{
    public static string Series(int seriesRef, ReadOnlySpan<Label> labels)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"series {seriesRef}");
        foreach (var label in labels)
        {
            text.Append(CultureInfo.InvariantCulture, $" {label.Name.Length}:{label.Name}={label.Value.Length}:{label.Value}");
        }

        return text.ToString();
    }

    public static string Sample(WalSample sample) => string.Create(
        CultureInfo.InvariantCulture,
        $"sample {sample.SeriesRef} {sample.Timestamp} {BitConverter.DoubleToInt64Bits(sample.Value):X16}");

    public static List<string> Replay(string directory, int fromSegment, out WalReplayResult result)
    {
        var visitor = new RecordingVisitor();
        result = WalReader.Replay(directory, fromSegment, visitor);
        return visitor.Entries;
    }
}
