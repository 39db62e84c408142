using Dashboard.Abstractions;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>Orders label sets (each sorted by name) label by label, name before value, ordinally; a prefix sorts
/// first. This is the order of series in a block, so local series ids follow it.</summary>
internal sealed class LabelSetComparer : IComparer<Label[]>
{
    public static readonly LabelSetComparer Instance = new();

    public int Compare(Label[]? x, Label[]? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var common = Math.Min(x.Length, y.Length);
        for (var i = 0; i < common; i++)
        {
            var byName = string.CompareOrdinal(x[i].Name, y[i].Name);
            if (byName != 0)
            {
                return byName;
            }

            var byValue = string.CompareOrdinal(x[i].Value, y[i].Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}
