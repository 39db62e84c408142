using System.Runtime.CompilerServices;

namespace Dashboard.Core.Storage.Chunks;

/// <summary>Reads back one column written by <see cref="IntegerColumnEncoder"/>, sample by sample.</summary>
internal struct IntegerColumnDecoder
{
    private ColumnOrder _order;
    private long _first;
    private ulong _step;
    private long _base;
    private long _slope;
    private int _width;
    private int _riceParameter;
    private long _multiple;
    private long _delta;

    /// <summary>Reads the column's header.</summary>
    /// <param name="reader">Where from.</param>
    public void ReadHeader(ref BitReader reader)
    {
        _order = (ColumnOrder)reader.ReadBits(IntegerColumnEncoder.OrderBits);
        _first = reader.ReadVarInt();
        if (_order == ColumnOrder.Constant)
        {
            return;
        }

        _step = reader.ReadVarUInt() + 1;
        _base = reader.ReadVarInt();
        if (_order is ColumnOrder.DeltasOfDeltas or ColumnOrder.Line)
        {
            _slope = reader.ReadVarInt();
        }

        _width = (int)reader.ReadBits(7);
        _riceParameter = _width > 0 ? (int)reader.ReadBits(6) : 0;
    }

    /// <summary>Reads the number of sample <paramref name="index"/>; samples are read in order, from 0.</summary>
    /// <param name="reader">Where from.</param>
    /// <param name="index">The sample's position.</param>
    /// <returns>The number.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Read(ref BitReader reader, int index)
    {
        if (index == 0 || _order == ColumnOrder.Constant)
        {
            return _first;
        }

        unchecked
        {
            switch (_order)
            {
                case ColumnOrder.Values:
                    _multiple = _base + ReadResidual(ref reader);
                    break;
                case ColumnOrder.Deltas:
                    _multiple += _base + ReadResidual(ref reader);
                    break;
                case ColumnOrder.DeltasOfDeltas:
                    _delta = index == 1 ? _slope : _delta + _base + ReadResidual(ref reader);
                    _multiple += _delta;
                    break;
                default:
                    _multiple = (index * _slope) + _base + ReadResidual(ref reader);
                    break;
            }

            return _first + (long)(_step * (ulong)_multiple);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly long ReadResidual(ref BitReader reader) =>
        _width == 0 ? 0 : ZigZag.Decode(EscapedRiceCode.Read(ref reader, _riceParameter, _width));
}
