using System.Buffers;
using System.Text;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>Turns UTF-8 label names and values into strings, one instance per distinct text: a block's label
/// values repeat across thousands of series, and each should cost memory once.</summary>
internal sealed class StringPool
{
    private const int StackChars = 256;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        var max = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        char[]? rented = null;
        var buffer = max <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(max));
        try
        {
            var chars = buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
            if (_lookup.TryGetValue(chars, out var existing))
            {
                return existing;
            }

            var created = new string(chars);
            _strings.Add(created);
            return created;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
