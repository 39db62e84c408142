using System.Globalization;
using System.Security.Cryptography;
using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>
/// The on-disk layout of a block: directory and file names, the three Arrow schemas and how ids are formed. Writer and
/// reader both take it from here so that they cannot drift apart.
/// </summary>
internal static class BlockLayout
{
    public const string MetaFile = "meta.json";
    public const string SeriesFile = "series.arrow";
    public const string ChunksFile = "chunks.arrow";
    public const string IndexFile = "index.arrow";

    /// <summary>Suffix of a block still being written; never a block, deleted by <see cref="Block.DeleteLeftovers"/>.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>Suffix of a block being deleted; renamed first so that a half-deleted block is never taken for a block.</summary>
    public const string DeletingSuffix = ".deleting";

    // A chunk batch is the unit a query loads: small enough that one series costs little to read, large enough that
    // ZSTD finds repetition and the footer stays short.
    public const int ChunkBatchRows = 65_536;
    public const int ChunkBatchBytes = 512 * 1024;
    public const int SeriesBatchRows = 65_536;
    public const int IndexBatchRows = 65_536;
    public const int IndexBatchIds = 1 << 20;

    private const int IdTimeDigits = 16;
    private const int IdSuffixDigits = 16;

    public static readonly string[] DataFiles = [SeriesFile, IndexFile, ChunksFile];

    public static readonly CompressionCodecFactory Codecs = new();

    public static readonly Schema SeriesSchema = new Schema.Builder()
        .Field(f => f.Name("label_names").DataType(new ListType(StringType.Default)).Nullable(false))
        .Field(f => f.Name("label_values").DataType(new ListType(StringType.Default)).Nullable(false))
        .Field(f => f.Name("chunk_batch").DataType(Int32Type.Default).Nullable(false))
        .Field(f => f.Name("chunk_row").DataType(Int32Type.Default).Nullable(false))
        .Field(f => f.Name("chunk_count").DataType(Int32Type.Default).Nullable(false))
        .Field(f => f.Name("min_time").DataType(Int64Type.Default).Nullable(false))
        .Field(f => f.Name("max_time").DataType(Int64Type.Default).Nullable(false))
        .Build();

    public static readonly Schema ChunksSchema = new Schema.Builder()
        .Field(f => f.Name("series_id").DataType(Int32Type.Default).Nullable(false))
        .Field(f => f.Name("min_time").DataType(Int64Type.Default).Nullable(false))
        .Field(f => f.Name("max_time").DataType(Int64Type.Default).Nullable(false))
        .Field(f => f.Name("count").DataType(Int32Type.Default).Nullable(false))
        .Field(f => f.Name("encoding").DataType(UInt8Type.Default).Nullable(false))
        .Field(f => f.Name("data").DataType(BinaryType.Default).Nullable(false))
        .Build();

    public static readonly Schema IndexSchema = new Schema.Builder()
        .Field(f => f.Name("name").DataType(StringType.Default).Nullable(false))
        .Field(f => f.Name("value").DataType(StringType.Default).Nullable(false))
        .Field(f => f.Name("series_ids").DataType(new ListType(Int32Type.Default)).Nullable(false))
        .Build();

    /// <summary>Options for every Arrow file of a block: ZSTD on each buffer.</summary>
    public static IpcOptions WriteOptions() => new()
    {
        CompressionCodec = CompressionCodecType.Zstd,
        CompressionCodecFactory = Codecs,
    };

    /// <summary>A new id: the minimum time in fixed width (so ids sort by time) and 64 random bits (so two blocks of
    /// the same range, e.g. a merge and its source, never collide).</summary>
    public static string NewId(long minTime)
    {
        Span<byte> random = stackalloc byte[IdSuffixDigits / 2];
        RandomNumberGenerator.Fill(random);
        return string.Create(CultureInfo.InvariantCulture, $"{minTime.ToString($"D{IdTimeDigits}", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(random)}");
    }

    /// <summary>Whether a directory name has the shape of a block id.</summary>
    public static bool IsId(ReadOnlySpan<char> name)
    {
        if (name.Length != IdTimeDigits + 1 + IdSuffixDigits || name[IdTimeDigits] != '-')
        {
            return false;
        }

        foreach (var c in name[..IdTimeDigits])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        foreach (var c in name[(IdTimeDigits + 1)..])
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two schemas have the same fields in the same order with the same types.</summary>
    public static bool SameFields(Schema actual, Schema expected)
    {
        if (actual.FieldsList.Count != expected.FieldsList.Count)
        {
            return false;
        }

        for (var i = 0; i < expected.FieldsList.Count; i++)
        {
            var a = actual.FieldsList[i];
            var e = expected.FieldsList[i];
            if (a.Name != e.Name || !SameType(a.DataType, e.DataType))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameType(IArrowType actual, IArrowType expected) => (actual, expected) switch
    {
        (ListType a, ListType e) => SameType(a.ValueDataType, e.ValueDataType),
        _ => actual.TypeId == expected.TypeId,
    };
}
