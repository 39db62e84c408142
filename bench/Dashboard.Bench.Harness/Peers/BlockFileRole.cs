namespace Dashboard.Bench.Harness.Peers;

/// <summary>What a file of a block holds, for <see cref="BlockFootprint.Measure"/>.</summary>
internal enum BlockFileRole
{
    /// <summary>Metadata and the rest.</summary>
    Other,

    /// <summary>Sample data.</summary>
    Chunks,

    /// <summary>Series, labels and postings.</summary>
    Index,
}
