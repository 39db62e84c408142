using System.Globalization;

namespace Dashboard.Core.Storage.Wal;

/// <summary>Naming and listing of WAL segment files: decimal numbers, zero-padded to eight digits so they sort.</summary>
internal static class WalSegmentFiles
{
    private const int NameDigits = 8;

    public static string PathOf(string directory, int segment) =>
        Path.Combine(directory, segment.ToString("D" + NameDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    /// <summary>The segment numbers present, ascending; other files are ignored.</summary>
    public static List<int> List(string directory)
    {
        var segments = new List<int>();
        if (!Directory.Exists(directory))
        {
            return segments;
        }

        foreach (var path in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(path.AsSpan());
            if (name.Length >= NameDigits && IsDigits(name)
                && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var segment) && segment > 0)
            {
                segments.Add(segment);
            }
        }

        segments.Sort();
        return segments;
    }

    /// <summary>Creates a segment for appending; fails if it exists, so no segment is ever appended to twice.</summary>
    public static FileStream Create(string directory, int segment) =>
        new(PathOf(directory, segment), new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.Read | FileShare.Delete,
            // The writer hands whole batches of records over; a stream buffer would only add a copy.
            BufferSize = 0,
        });

    public static FileStream OpenRead(string directory, int segment) =>
        new(PathOf(directory, segment), new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 64 * 1024,
            Options = FileOptions.SequentialScan,
        });

    private static bool IsDigits(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
