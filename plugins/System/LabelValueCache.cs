namespace Dashboard.Plugins.System;

/// <summary>
/// Turns label values parsed from procfs (device, interface and CPU names) into strings, reusing the string made
/// for the same text in an earlier collect, so a steady-state collect allocates no label strings.
/// </summary>
internal sealed class LabelValueCache
{
    // Devices come and go (container veth interfaces, hot-plugged disks); past this many the cache starts over
    // rather than growing for the life of the process.
    private const int MaxEntries = 4096;

    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public LabelValueCache()
    {
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Returns the string for <paramref name="value"/>, made once.</summary>
    public string Get(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var cached))
        {
            return cached;
        }

        if (_values.Count >= MaxEntries)
        {
            _values.Clear();
        }

        var made = value.ToString();
        _values.Add(made);
        return made;
    }
}
