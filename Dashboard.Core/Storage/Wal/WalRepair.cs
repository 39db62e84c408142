namespace Dashboard.Core.Storage.Wal;

/// <summary>Makes a damaged WAL replay cleanly again, dropping what replay could not trust.</summary>
public static class WalRepair
{
    /// <summary>Truncates the damaged segment at its last intact record and deletes every segment after it, so that
    /// the next replay ends cleanly where this one stopped and a new writer continues right after. Run it while no
    /// writer has the directory open.</summary>
    /// <param name="directory">The WAL directory.</param>
    /// <param name="corruption">The corruption a replay reported.</param>
    /// <returns>How much was dropped.</returns>
    public static WalRepairResult Repair(string directory, WalCorruption corruption)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(corruption);

        long dropped = 0;
        var damaged = WalSegmentFiles.PathOf(directory, corruption.Segment);
        if (File.Exists(damaged))
        {
            using var stream = new FileStream(damaged, FileMode.Open, FileAccess.Write, FileShare.Read);
            if (stream.Length > corruption.Offset)
            {
                dropped += stream.Length - corruption.Offset;
                stream.SetLength(corruption.Offset);
                stream.Flush(flushToDisk: true);
            }
        }

        var deleted = 0;
        foreach (var segment in WalSegmentFiles.List(directory))
        {
            if (segment <= corruption.Segment)
            {
                continue;
            }

            var path = WalSegmentFiles.PathOf(directory, segment);
            dropped += new FileInfo(path).Length;
            File.Delete(path);
            deleted++;
        }

        return new WalRepairResult(dropped, deleted);
    }
}
