using System.Runtime.InteropServices;

namespace Dashboard.Plugins.PrometheusScrape.Exposition;

/// <summary>
/// Compares byte-array keys by content, and looks them up by a span of the scraped body without copying it.
/// </summary>
internal sealed class ByteKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly ByteKeyComparer Instance = new();

    // Seeded per process: the keys come from a remote target, which must not be able to pick texts that collide.
    private readonly ulong _seed = (ulong)Random.Shared.NextInt64();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    // Eight bytes at a time, multiply and rotate: series texts share long prefixes (the metric name), so every byte
    // must count, and this is the hot path of a scrape. The tail is folded in with the length.
    private int Hash(ReadOnlySpan<byte> key)
    {
        const ulong Prime = 0x9E3779B97F4A7C15;
        var hash = _seed ^ ((ulong)key.Length * Prime);
        var words = MemoryMarshal.Cast<byte, ulong>(key);
        foreach (var word in words)
        {
            hash = ulong.RotateLeft((hash ^ word) * Prime, 29);
        }

        ulong tail = 0;
        for (var i = words.Length * sizeof(ulong); i < key.Length; i++)
        {
            tail = (tail << 8) | key[i];
        }

        hash = ulong.RotateLeft((hash ^ tail) * Prime, 29) * Prime;
        return (int)(hash ^ (hash >> 32));
    }
}
