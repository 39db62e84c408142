namespace Dashboard.Core.Storage.Head;

/// <summary>What became of one appended sample. Every outcome but <see cref="Appended"/> is counted by reason.</summary>
public enum AppendOutcome
{
    /// <summary>Stored.</summary>
    Appended,

    /// <summary>Older than the series' newest sample: refused (the store keeps each series in time order).</summary>
    OutOfOrder,

    /// <summary>Same timestamp and bit-identical value as the newest sample: a harmless repeat, dropped.</summary>
    Duplicate,

    /// <summary>Same timestamp as the newest sample but another value: refused, the first value wins.</summary>
    DuplicateTimestamp,

    /// <summary>Older than the head: that range is already written to a block.</summary>
    TooOld,
}
