namespace Dashboard.Core.Storage.Blocks;

/// <summary>The content of a block's <c>meta.json</c>: what the block covers and how to check its files.</summary>
/// <param name="Version">The on-disk format version (<see cref="CurrentVersion"/> for blocks written by this code).</param>
/// <param name="Id">The block id, also its directory name: the minimum time, fixed width, then a random suffix, so
/// that ids sort by time.</param>
/// <param name="MinTime">Start of the covered range, Unix milliseconds, inclusive.</param>
/// <param name="MaxTime">End of the covered range, Unix milliseconds, exclusive.</param>
/// <param name="Stats">Counts of series, chunks and samples.</param>
/// <param name="Level">The compaction level: 1 for a block cut from the head, one more than its highest source for a merge.</param>
/// <param name="Sources">The ids of the blocks merged into this one (empty for a block cut from the head).</param>
/// <param name="Files">Every data file with its size and checksum.</param>
public sealed record BlockMeta(
    int Version,
    string Id,
    long MinTime,
    long MaxTime,
    BlockStats Stats,
    int Level,
    IReadOnlyList<string> Sources,
    IReadOnlyList<BlockFile> Files)
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;
}
