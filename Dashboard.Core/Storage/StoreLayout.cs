namespace Dashboard.Core.Storage;

/// <summary>Where the store keeps each part under its folder.</summary>
/// <param name="Root">The store's folder.</param>
internal sealed record StoreLayout(string Root)
{
    /// <summary>One folder per block.</summary>
    public string Blocks => Path.Combine(Root, "blocks");

    /// <summary>The write-ahead log's segments.</summary>
    public string Wal => Path.Combine(Root, "wal");

    /// <summary>Head snapshots: <c>snapshot.NNNNNNNN</c>, the log segment replay continues from.</summary>
    public string Snapshots => Path.Combine(Root, "snapshots");

    /// <summary>Sealed head chunks moved out of memory (rebuilt from snapshot and log at start, so deleted then).</summary>
    public string HeadChunks => Path.Combine(Root, "chunks_head");

    /// <summary>Held open while the store runs, so a second process cannot open the same folder.</summary>
    public string LockFile => Path.Combine(Root, "LOCK");

    public void Create()
    {
        Directory.CreateDirectory(Blocks);
        Directory.CreateDirectory(Wal);
        Directory.CreateDirectory(Snapshots);
    }
}
