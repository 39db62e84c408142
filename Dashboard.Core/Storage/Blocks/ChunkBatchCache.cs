using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>The most recently used chunk batches of one block, at most a fixed number: queries over neighbouring
/// series reuse a batch, and memory stays bounded however many series are read.</summary>
internal sealed class ChunkBatchCache(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, LinkedListNode<KeyValuePair<int, ChunkBatch>>> _entries = [];
    private readonly LinkedList<KeyValuePair<int, ChunkBatch>> _recency = new();

    public bool TryGet(int index, [NotNullWhen(true)] out ChunkBatch? batch)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(index, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                batch = node.Value.Value;
                return true;
            }
        }

        batch = null;
        return false;
    }

    public void Add(int index, ChunkBatch batch)
    {
        lock (_lock)
        {
            if (_entries.ContainsKey(index))
            {
                return;
            }

            _entries.Add(index, _recency.AddFirst(new KeyValuePair<int, ChunkBatch>(index, batch)));
            while (_entries.Count > capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _recency.Clear();
        }
    }
}
