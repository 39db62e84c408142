using Dashboard.Abstractions;

namespace Dashboard.Core.Storage.Wal;

/// <summary>Replays a write-ahead log written by <see cref="WalWriter"/>.</summary>
public static class WalReader
{
    /// <summary>
    /// Visits the series and samples of the segments numbered <paramref name="fromSegment"/> and up, in the order they
    /// were logged. Stops at the first torn or damaged record, or at a gap in the segment numbers, and reports where:
    /// the records after it, later segments included, may depend on what was lost, so none is visited.
    /// </summary>
    /// <param name="directory">The WAL directory; a missing directory is an empty log.</param>
    /// <param name="fromSegment">The first segment to read (earlier ones are covered elsewhere, e.g. by a snapshot).
    /// Replay starts at the lowest present segment at or above it.</param>
    /// <param name="visitor">Receives the records.</param>
    /// <returns>What was read, and where it stopped early if it did.</returns>
    public static WalReplayResult Replay(string directory, int fromSegment, IWalVisitor visitor)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(visitor);

        var segments = WalSegmentFiles.List(directory).FindAll(segment => segment >= fromSegment);
        var samples = new WalSample[1024];
        var series = new List<(int Ref, Label[] Labels)>();
        long records = 0, seriesCount = 0, sampleCount = 0;
        var lastRead = 0;

        WalReplayResult Result(WalCorruption? corruption) =>
            new(segments.Count == 0 ? 0 : segments[0], lastRead, records, seriesCount, sampleCount, corruption);

        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (i > 0 && segment != lastRead + 1)
            {
                return Result(new WalCorruption(lastRead + 1, 0, RecordFault.MissingSegment, segments[i..]));
            }

            lastRead = segment;
            using var stream = WalSegmentFiles.OpenRead(directory, segment);
            var reader = new RecordFileReader(stream);
            while (true)
            {
                var offset = reader.Position;
                if (!reader.TryRead(out var type, out var payload))
                {
                    if (reader.Fault is { } fault)
                    {
                        return Result(new WalCorruption(segment, reader.Position, fault, segments[(i + 1)..]));
                    }

                    break;
                }

                RecordFault? bad = null;
                switch ((WalRecordType)type)
                {
                    case WalRecordType.Series:
                        if (!WalRecordDecoder.TryDecodeSeries(payload, series))
                        {
                            bad = RecordFault.MalformedPayload;
                            break;
                        }

                        foreach (var (seriesRef, labels) in series)
                        {
                            visitor.OnSeries(seriesRef, labels);
                        }

                        seriesCount += series.Count;
                        break;

                    case WalRecordType.Samples:
                        if (!WalRecordDecoder.TryDecodeSamples(payload, ref samples, out var count))
                        {
                            bad = RecordFault.MalformedPayload;
                            break;
                        }

                        visitor.OnSamples(samples.AsSpan(0, count));
                        sampleCount += count;
                        break;

                    default:
                        bad = RecordFault.UnknownRecordType;
                        break;
                }

                if (bad is { } malformed)
                {
                    return Result(new WalCorruption(segment, offset, malformed, segments[(i + 1)..]));
                }

                records++;
            }
        }

        return Result(null);
    }
}
