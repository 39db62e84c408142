using System.Collections.Immutable;
using Dashboard.Core.Storage.Blocks;

namespace Dashboard.Core.Storage;

/// <summary>
/// The blocks in use, ordered by time. Readers take the current list and hold a lease on it; a block removed by
/// compaction or retention is closed and deleted only when the last lease that could see it is returned.
/// </summary>
internal sealed class BlockSet : IDisposable
{
    private readonly Lock _gate = new();
    private ImmutableArray<Block> _blocks = [];
    private readonly Dictionary<Block, int> _leases = [];
    private readonly HashSet<Block> _retired = [];

    public ImmutableArray<Block> Current
    {
        get
        {
            lock (_gate)
            {
                return _blocks;
            }
        }
    }

    public long SizeBytes => Current.Sum(b => b.SizeBytes);

    /// <summary>Takes the current blocks for a read; dispose the lease when done.</summary>
    public Lease Acquire()
    {
        lock (_gate)
        {
            foreach (var block in _blocks)
            {
                _leases[block] = _leases.GetValueOrDefault(block) + 1;
            }

            return new Lease(this, _blocks);
        }
    }

    public void Add(Block block)
    {
        lock (_gate)
        {
            _blocks = [.. _blocks.Add(block).OrderBy(b => b.Meta.MinTime).ThenBy(b => b.Meta.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>Takes blocks out of use; each is closed and its folder deleted once no reader holds it.</summary>
    public void Retire(IEnumerable<Block> blocks)
    {
        var now = new List<Block>();
        lock (_gate)
        {
            foreach (var block in blocks)
            {
                _blocks = _blocks.Remove(block);
                if (_leases.ContainsKey(block))
                {
                    _retired.Add(block);
                }
                else
                {
                    now.Add(block);
                }
            }
        }

        now.ForEach(Delete);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var block in _blocks)
            {
                block.Dispose();
            }

            _blocks = [];
        }
    }

    private void Release(ImmutableArray<Block> blocks)
    {
        var now = new List<Block>();
        lock (_gate)
        {
            foreach (var block in blocks)
            {
                var left = _leases[block] - 1;
                if (left > 0)
                {
                    _leases[block] = left;
                    continue;
                }

                _leases.Remove(block);
                if (_retired.Remove(block))
                {
                    now.Add(block);
                }
            }
        }

        now.ForEach(Delete);
    }

    private static void Delete(Block block)
    {
        block.Dispose();
        try
        {
            Directory.Delete(block.Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>A reader's hold on a set of blocks.</summary>
    public sealed class Lease(BlockSet owner, ImmutableArray<Block> blocks) : IDisposable
    {
        private int _released;

        public ImmutableArray<Block> Blocks { get; } = blocks;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(Blocks);
            }
        }
    }
}
