namespace Dashboard.Core.Storage.Wal;

/// <summary>The record types of WAL segments. Stored on disk: a changed encoding gets a new value.</summary>
internal enum WalRecordType : byte
{
    /// <summary>Series definitions: per entry, zigzag varint ref delta, varint label count, then per label varint
    /// length and UTF-8 bytes of the name, then of the value.</summary>
    Series = 1,

    /// <summary>Samples: per sample, zigzag varint ref delta, zigzag varint timestamp delta (both from the previous
    /// sample of the record, the first from 0), then the value's 8 bytes little-endian, bit for bit.</summary>
    Samples = 2,
}
