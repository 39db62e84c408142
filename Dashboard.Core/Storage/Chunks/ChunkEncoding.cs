namespace Dashboard.Core.Storage.Chunks;

/// <summary>How the samples of a chunk are encoded. Stored on disk: values never change meaning.</summary>
public enum ChunkEncoding : byte
{
    /// <summary>Gorilla-style: delta-of-delta timestamps, XOR of consecutive values. Appendable (the head's form).</summary>
    Xor = 1,

    /// <summary>Values that are all short decimals, stored as scaled integers; written when a chunk is sealed into a block.</summary>
    ScaledDecimal = 2,
}
