using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Dashboard.Tests;

/// <summary>
/// Plugin zips for the upload tests: real ones made with <see cref="ZipArchive"/> from a built test plugin, and hostile
/// ones written byte by byte, so names, link bits and declared sizes are exactly what an attacker would put there.
/// </summary>
internal static class TestZips
{
    private static readonly Lazy<byte[]> DeflatedGibibyteOfZeros = new(() =>
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 1024; i++)
            {
                deflate.Write(zeros);
            }
        }

        return output.ToArray();
    });

    /// <summary>A built test plugin's files, at the zip's root or under <paramref name="topFolder"/>.</summary>
    public static byte[] OfPlugin(string testPlugin, string? topFolder = null)
    {
        var source = TestPaths.TestPlugin(testPlugin);
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"Built plugin not found at {source}; build the test assets first.");
        }

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetRelativePath(source, file).Replace('\\', '/');
                zip.CreateEntryFromFile(file, topFolder is null ? name : $"{topFolder}/{name}");
            }
        }

        return output.ToArray();
    }

    /// <summary>A zip of stored files whose names are written exactly as given.</summary>
    public static byte[] Raw(params RawEntry[] entries)
    {
        using var output = new MemoryStream();
        var offsets = new List<uint>();
        foreach (var entry in entries)
        {
            offsets.Add((uint)output.Position);
            var name = Encoding.UTF8.GetBytes(entry.Name);
            var header = new byte[30];
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034b50);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 20);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 0x0800); // UTF-8 names
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), entry.Method);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), 0x21); // 1980-01-01
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(14), entry.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(18), (uint)entry.Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(22), entry.DeclaredSize);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(26), (ushort)name.Length);
            output.Write(header);
            output.Write(name);
            output.Write(entry.Data);
        }

        var directoryStart = (uint)output.Position;
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var name = Encoding.UTF8.GetBytes(entry.Name);
            var header = new byte[46];
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), (3 << 8) | 20); // made on Unix
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 20);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), 0x0800);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), entry.Method);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(14), 0x21);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), entry.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), (uint)entry.Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), entry.DeclaredSize);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(28), (ushort)name.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(38), entry.ExternalAttributes);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(42), offsets[i]);
            output.Write(header);
            output.Write(name);
        }

        var directoryEnd = (uint)output.Position;
        var end = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), (ushort)entries.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), (ushort)entries.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), directoryEnd - directoryStart);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), directoryStart);
        output.Write(end);
        return output.ToArray();
    }

    /// <summary>A stored regular file (Unix mode 0644).</summary>
    public static RawEntry File(string name, string content = "x") => File(name, Encoding.UTF8.GetBytes(content), 0x81A4u << 16);

    /// <summary>A stored entry with the given external attributes.</summary>
    public static RawEntry File(string name, byte[] data, uint externalAttributes) =>
        new(name, data, 0, Crc32.HashToUInt32(data), (uint)data.Length, externalAttributes);

    /// <summary>A symbolic link (Unix mode 0120777) pointing at <paramref name="target"/>.</summary>
    public static RawEntry Symlink(string name, string target) => File(name, Encoding.UTF8.GetBytes(target), 0xA1FFu << 16);

    /// <summary>
    /// One deflated entry that unpacks to 1 GiB of zeros (about 1 MB in the zip), declaring <paramref name="declaredSize"/>
    /// unpacked bytes: the truth (2^30) or a lie.
    /// </summary>
    public static RawEntry Bomb(string name, uint declaredSize) =>
        new(name, DeflatedGibibyteOfZeros.Value, 8, 0, declaredSize, 0x81A4u << 16);

    /// <summary>A zip entry as written by <see cref="Raw"/>.</summary>
    public sealed record RawEntry(string Name, byte[] Data, ushort Method, uint Crc, uint DeclaredSize, uint ExternalAttributes);
}
