using Apache.Arrow;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>Typed access to the columns of a block file's record batch, refusing what the writer never produces.</summary>
internal static class ArrowColumns
{
    /// <exception cref="InvalidDataException">The column is missing, of another type or length, or has nulls.</exception>
    public static T Get<T>(RecordBatch batch, int index, int length)
        where T : class, IArrowArray
    {
        if (index >= batch.ColumnCount || batch.Column(index) is not T column)
        {
            throw new InvalidDataException($"column {index} is missing or not a {typeof(T).Name}");
        }

        if (column.Length != length || column.NullCount != 0)
        {
            throw new InvalidDataException($"column {index} has {column.Length} rows ({column.NullCount} null) where {length} were expected, none null");
        }

        return column;
    }

    /// <summary>The values of a list column, checked to be of the expected type and to have no nulls.</summary>
    /// <exception cref="InvalidDataException">They are not.</exception>
    public static T Values<T>(ListArray list)
        where T : class, IArrowArray
    {
        if (list.Values is not T values || values.NullCount != 0)
        {
            throw new InvalidDataException($"a list column does not hold {typeof(T).Name} values without nulls");
        }

        return values;
    }
}
