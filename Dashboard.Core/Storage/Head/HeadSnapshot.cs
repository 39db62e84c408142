using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using Dashboard.Abstractions;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Storage.Head;

/// <summary>
/// The head written out whole (series and their chunks, still compressed) at a log segment boundary, so recovery
/// loads it and replays only the segments after it. The file ends with an XxHash64 of everything before it: a torn
/// or altered snapshot is refused as a whole and recovery falls back to the log.
/// </summary>
internal static class HeadSnapshot
{
    private const uint Magic = 0x50414E53; // "SNAP"
    private const byte Version = 1;
    private const string Prefix = "snapshot.";

    /// <summary>A snapshot's content.</summary>
    public sealed record Content(int Segment, long MinValidTime, IReadOnlyList<SeriesEntry> Series);

    /// <summary>One series in a snapshot.</summary>
    public sealed record SeriesEntry(int Id, Label[] Labels, IReadOnlyList<StoredChunk> Chunks);

    public static string FileName(int segment) => Prefix + segment.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>The snapshot files in a folder, newest (highest segment) first.</summary>
    public static IReadOnlyList<(int Segment, string Path)> List(string directory) =>
        [.. Directory.EnumerateFiles(directory, Prefix + "*")
            .Select(p => (Ok: int.TryParse(Path.GetFileName(p).AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var s), Segment: s, Path: p))
            .Where(x => x.Ok)
            .Select(x => (x.Segment, x.Path))
            .OrderByDescending(x => x.Segment)];

    /// <summary>Writes a snapshot atomically (temp file, fsync, rename) and returns its size.</summary>
    public static long Write(string directory, Content content)
    {
        var path = Path.Combine(directory, FileName(content.Segment));
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var hash = new XxHash64();
            using var writer = new BinaryWriter(new HashingStream(file, hash));
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(content.Segment);
            writer.Write(content.MinValidTime);
            writer.Write(content.Series.Count);
            foreach (var series in content.Series)
            {
                writer.Write(series.Id);
                writer.Write(series.Labels.Length);
                foreach (var label in series.Labels)
                {
                    writer.Write(label.Name);
                    writer.Write(label.Value);
                }

                writer.Write(series.Chunks.Count);
                foreach (var chunk in series.Chunks)
                {
                    writer.Write((byte)chunk.Encoding);
                    writer.Write(chunk.MinTime);
                    writer.Write(chunk.MaxTime);
                    writer.Write(chunk.Count);
                    writer.Write(chunk.Data.Length);
                    writer.Write(chunk.Data.Span);
                }
            }

            writer.Flush();
            Span<byte> digest = stackalloc byte[8];
            hash.GetCurrentHash(digest);
            file.Write(digest);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        return new FileInfo(path).Length;
    }

    /// <summary>Reads a snapshot, or explains why it cannot be used.</summary>
    public static Content Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 + 4 + 1 + 4 + 8 + 4)
        {
            throw new InvalidDataException($"head snapshot {path} is truncated ({bytes.Length} bytes)");
        }

        var body = bytes.AsSpan(0, bytes.Length - 8);
        if (XxHash64.HashToUInt64(body) != BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(bytes.Length - 8)))
        {
            throw new InvalidDataException($"head snapshot {path} fails its checksum (torn or altered)");
        }

        using var reader = new BinaryReader(new MemoryStream(bytes, 0, body.Length, writable: false));
        if (reader.ReadUInt32() != Magic || reader.ReadByte() != Version)
        {
            throw new InvalidDataException($"head snapshot {path} has an unknown format");
        }

        var segment = reader.ReadInt32();
        var minValid = reader.ReadInt64();
        var series = new SeriesEntry[reader.ReadInt32()];
        for (var i = 0; i < series.Length; i++)
        {
            var id = reader.ReadInt32();
            var labels = new Label[reader.ReadInt32()];
            for (var l = 0; l < labels.Length; l++)
            {
                labels[l] = new Label(reader.ReadString(), reader.ReadString());
            }

            var chunks = new StoredChunk[reader.ReadInt32()];
            for (var c = 0; c < chunks.Length; c++)
            {
                var encoding = (ChunkEncoding)reader.ReadByte();
                var minTime = reader.ReadInt64();
                var maxTime = reader.ReadInt64();
                var count = reader.ReadInt32();
                var data = reader.ReadBytes(reader.ReadInt32());
                chunks[c] = new StoredChunk(encoding, minTime, maxTime, count, data);
            }

            series[i] = new SeriesEntry(id, labels, chunks);
        }

        return new Content(segment, minValid, series);
    }

    // Hashes every byte on its way to the file, so the digest needs no second pass.
    private sealed class HashingStream(Stream inner, XxHash64 hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.Append(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        // The file stays open: it belongs to the caller, who writes the digest after this stream is done.
        protected override void Dispose(bool disposing) => base.Dispose(disposing);
    }
}
