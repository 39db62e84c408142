using System.Buffers.Binary;
using Apache.Arrow;

namespace Dashboard.Core.Export;

/// <summary>
/// Builds one nullable utf8 Arrow column of a block, a value repeated over a series' rows at a time, into buffers
/// reused for every block: the value's bytes are copied, never re-encoded per row.
/// </summary>
internal sealed class Utf8ColumnBuilder(int capacity)
{
    private readonly byte[] _offsets = new byte[(capacity + 1) * sizeof(int)];
    private readonly byte[] _validity = new byte[(capacity + 7) / 8];
    private byte[] _data = new byte[capacity * 16];
    private int _rows;
    private int _dataLength;
    private int _nulls;

    public void Clear()
    {
        _rows = 0;
        _dataLength = 0;
        _nulls = 0;
        System.Array.Clear(_validity);
    }

    /// <summary>Appends <paramref name="count"/> rows holding <paramref name="utf8"/>, or nulls when it is null.</summary>
    public void AppendRepeated(byte[]? utf8, int count)
    {
        if (utf8 is not null && _dataLength + ((long)utf8.Length * count) > _data.Length)
        {
            var needed = _dataLength + ((long)utf8.Length * count);
            System.Array.Resize(ref _data, (int)Math.Min(System.Array.MaxLength, Math.Max(needed, 2L * _data.Length)));
        }

        var offsets = _offsets.AsSpan();
        for (var i = 0; i < count; i++, _rows++)
        {
            if (utf8 is null)
            {
                _nulls++;
            }
            else
            {
                utf8.CopyTo(_data, _dataLength);
                _dataLength += utf8.Length;
                _validity[_rows >> 3] |= (byte)(1 << (_rows & 7));
            }

            BinaryPrimitives.WriteInt32LittleEndian(offsets[((_rows + 1) * sizeof(int))..], _dataLength);
        }
    }

    /// <summary>The column of the rows appended since <see cref="Clear"/>; valid until the next clear.</summary>
    public StringArray Build() => new(
        _rows,
        new ArrowBuffer(_offsets.AsMemory(0, (_rows + 1) * sizeof(int))),
        new ArrowBuffer(_data.AsMemory(0, _dataLength)),
        _nulls == 0 ? ArrowBuffer.Empty : new ArrowBuffer(_validity.AsMemory(0, (_rows + 7) / 8)),
        _nulls);
}
