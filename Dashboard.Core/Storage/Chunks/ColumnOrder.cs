namespace Dashboard.Core.Storage.Chunks;

/// <summary>What a <see cref="ChunkEncoding.ScaledDecimal"/> column codes per sample. Stored in 3 bits.</summary>
internal enum ColumnOrder
{
    /// <summary>Every number equals the first; nothing is coded per sample.</summary>
    Constant = 0,

    /// <summary>Each number, minus a base: values that jump around a level.</summary>
    Values = 1,

    /// <summary>Each difference from the previous number, minus a base: random walks, counters with a varying rate.</summary>
    Deltas = 2,

    /// <summary>Each change of the difference, minus a base: counters with a steady rate.</summary>
    DeltasOfDeltas = 3,

    /// <summary>
    /// Each number's offset from a line through the first with the median difference as slope, minus a base:
    /// timestamps of scrapes on a grid with jitter, where the offset is just one scrape's jitter.
    /// </summary>
    Line = 4,
}
