namespace Dashboard.Core.Storage.Index;

/// <summary>
/// The series ids that have one label value, ascending: ids are handed out in increasing order, so adding appends.
/// <see cref="Value"/> is the one copy of the value string every such series shares.
/// </summary>
internal sealed class PostingList(string value)
{
    private int[] _ids = new int[4];

    public string Value { get; } = value;

    public int Count { get; private set; }

    public void Add(int id)
    {
        if (Count == _ids.Length)
        {
            Array.Resize(ref _ids, _ids.Length * 2);
        }

        if (Count > 0 && _ids[Count - 1] >= id)
        {
            // Only a restore can bring an older id; keep the list ascending.
            var at = Array.BinarySearch(_ids, 0, Count, id);
            if (at >= 0)
            {
                return;
            }

            at = ~at;
            Array.Copy(_ids, at, _ids, at + 1, Count - at);
            _ids[at] = id;
            Count++;
            return;
        }

        _ids[Count++] = id;
    }

    /// <summary>Removes every id in <paramref name="removed"/> (ascending), in one pass.</summary>
    public void RemoveAll(ReadOnlySpan<int> removed)
    {
        var kept = Postings.Subtract(_ids.AsSpan(0, Count), removed);
        _ids = kept.Length == 0 ? new int[4] : kept;
        Count = kept.Length;
    }

    public int[] ToArray() => _ids.AsSpan(0, Count).ToArray();
}
