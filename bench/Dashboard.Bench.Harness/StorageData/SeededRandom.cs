namespace Dashboard.Bench.Harness.StorageData;

/// <summary>
/// SplitMix64. <see cref="Random"/> with a seed promises no sequence across .NET versions; this one is fixed by its
/// definition, so a data set is the same bytes for every store, machine and runtime that generates it.
/// </summary>
internal sealed class SeededRandom
{
    private ulong _state;

    public SeededRandom(ulong seed) => _state = seed;

    /// <summary>A generator for one stream (say, one series) that shares nothing with its neighbours' streams.</summary>
    public static SeededRandom For(ulong seed, ulong stream, ulong substream) =>
        new(Mix(Mix(seed ^ 0x6A09E667F3BCC908UL) + stream) ^ Mix(substream + 0xBB67AE8584CAA73BUL));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="bound"/>).</summary>
    public int NextInt(int bound) => (int)((NextUInt64() >> 33) % (ulong)bound);

    /// <summary>Standard normal, by Box–Muller; one of the pair is dropped so that each call draws exactly twice.</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
