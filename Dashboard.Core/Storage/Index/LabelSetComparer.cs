using Dashboard.Abstractions;

namespace Dashboard.Core.Storage.Index;

/// <summary>
/// Equality and order of label sets (sorted by name, <c>__name__</c> included), by content. Also looks up a set held
/// in a span, so a caller can find an existing series without allocating an array.
/// </summary>
public sealed class LabelSetComparer : IEqualityComparer<Label[]>, IAlternateEqualityComparer<ReadOnlySpan<Label>, Label[]>, IComparer<Label[]>
{
    /// <summary>The one instance.</summary>
    public static readonly LabelSetComparer Instance = new();

    private LabelSetComparer()
    {
    }

    /// <inheritdoc />
    public bool Equals(Label[]? x, Label[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    /// <inheritdoc />
    public int GetHashCode(Label[] obj) => Hash(obj);

    /// <inheritdoc />
    public bool Equals(ReadOnlySpan<Label> alternate, Label[] other) => alternate.SequenceEqual(other);

    /// <inheritdoc />
    public int GetHashCode(ReadOnlySpan<Label> alternate) => Hash(alternate);

    /// <inheritdoc />
    public Label[] Create(ReadOnlySpan<Label> alternate) => alternate.ToArray();

    /// <summary>Orders label sets label by label, names then values, ordinally (the order blocks store series in).</summary>
    /// <param name="x">A label set.</param>
    /// <param name="y">Another.</param>
    /// <returns>Their order.</returns>
    public int Compare(Label[]? x, Label[]? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
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

    private static int Hash(ReadOnlySpan<Label> labels)
    {
        var hash = new HashCode();
        foreach (ref readonly var label in labels)
        {
            hash.Add(label.Name, StringComparer.Ordinal);
            hash.Add(label.Value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
