namespace Dashboard.Core.Storage.Wal;

/// <summary>Why reading a record file (a WAL segment, a snapshot) stopped before its end.</summary>
public enum RecordFault
{
    /// <summary>The file ends inside a record header: the tail a crash leaves while a write is under way.</summary>
    TruncatedHeader = 1,

    /// <summary>The file ends before the payload the header announces: a torn write, or a damaged length.</summary>
    TruncatedPayload = 2,

    /// <summary>The header announces a payload longer than any writer produces.</summary>
    LengthOutOfRange = 3,

    /// <summary>The checksum does not match the type, length and payload: the bytes were damaged.</summary>
    ChecksumMismatch = 4,

    /// <summary>An intact record of a type this version does not know (written by a newer version).</summary>
    UnknownRecordType = 5,

    /// <summary>An intact record whose payload does not decode.</summary>
    MalformedPayload = 6,

    /// <summary>WAL only: a segment number is missing between two segments that are present.</summary>
    MissingSegment = 7,
}
