using Dashboard.Abstractions;

namespace Dashboard.Core.Storage.Index;

/// <summary>
/// The head's series index: label set → series id, and postings (label pair → ids) for selection by matchers.
/// Label strings are shared with the postings' keys, so a million series with few distinct values cost the ids, not
/// the text, and a string dies with the last series that used it. Thread-safe: many readers, one writer at a time.
/// </summary>
public sealed class SeriesIndex : IPostingsSource, IDisposable
{
    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<Label[], int> _ids = new(LabelSetComparer.Instance);
    private readonly Dictionary<Label[], int>.AlternateLookup<ReadOnlySpan<Label>> _lookup;
    private readonly Dictionary<string, LabelPostings> _postings = new(StringComparer.Ordinal);
    private readonly PostingList _all = new(string.Empty);

    /// <summary>Creates an empty index.</summary>
    public SeriesIndex() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<Label>>();

    /// <summary>How many series the index holds.</summary>
    public int Count
    {
        get
        {
            _gate.EnterReadLock();
            try
            {
                return _ids.Count;
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
    }

    /// <summary>The id of a label set, if indexed.</summary>
    /// <param name="labels">The labels, sorted by name.</param>
    /// <param name="id">The id.</param>
    /// <returns>Whether it was found.</returns>
    public bool TryGet(ReadOnlySpan<Label> labels, out int id)
    {
        _gate.EnterReadLock();
        try
        {
            return _lookup.TryGetValue(labels, out id);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Indexes a new series. Ids must be added in increasing order.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="labels">Its labels, sorted by name.</param>
    /// <returns>The labels as stored (strings interned), for the caller to keep.</returns>
    public Label[] Add(int id, ReadOnlySpan<Label> labels)
    {
        _gate.EnterWriteLock();
        try
        {
            var stored = new Label[labels.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                var label = labels[i];
                if (!_postings.TryGetValue(label.Name, out var values))
                {
                    values = new LabelPostings(label.Name);
                    _postings.Add(label.Name, values);
                }

                if (!values.Lists.TryGetValue(label.Value, out var list))
                {
                    list = new PostingList(label.Value);
                    values.Lists.Add(label.Value, list);
                }

                list.Add(id);
                stored[i] = new Label(values.Name, list.Value);
            }

            _ids.Add(stored, id);
            _all.Add(id);
            return stored;
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>Forgets series (when the head drops them).</summary>
    /// <param name="series">The ids and labels of the series, any order.</param>
    public void Remove(IReadOnlyList<(int Id, Label[] Labels)> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            return;
        }

        var byPair = new Dictionary<(string, string), List<int>>();
        var ids = new int[series.Count];
        for (var i = 0; i < series.Count; i++)
        {
            ids[i] = series[i].Id;
            foreach (var label in series[i].Labels)
            {
                if (!byPair.TryGetValue((label.Name, label.Value), out var list))
                {
                    byPair[(label.Name, label.Value)] = list = [];
                }

                list.Add(series[i].Id);
            }
        }

        Array.Sort(ids);
        _gate.EnterWriteLock();
        try
        {
            foreach (var (_, labels) in series)
            {
                _ids.Remove(labels);
            }

            _all.RemoveAll(ids);
            foreach (var ((name, value), removed) in byPair)
            {
                removed.Sort();
                var values = _postings[name];
                var list = values.Lists[value];
                list.RemoveAll(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(removed));
                if (list.Count == 0)
                {
                    values.Lists.Remove(value);
                    if (values.Lists.Count == 0)
                    {
                        _postings.Remove(name);
                    }
                }
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>The ids of the series every matcher accepts, ascending.</summary>
    /// <param name="matchers">The matchers.</param>
    /// <returns>The ids.</returns>
    public int[] Select(IReadOnlyList<LabelMatcher> matchers)
    {
        _gate.EnterReadLock();
        try
        {
            return PostingsSelector.Select(this, matchers);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Every label name in use, sorted.</summary>
    /// <returns>The names.</returns>
    public IReadOnlyList<string> LabelNames()
    {
        _gate.EnterReadLock();
        try
        {
            return [.. _postings.Keys.Order(StringComparer.Ordinal)];
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Every value a label takes, sorted.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>The values.</returns>
    public IReadOnlyList<string> LabelValues(string name)
    {
        _gate.EnterReadLock();
        try
        {
            return _postings.TryGetValue(name, out var values) ? [.. values.Lists.Keys.Order(StringComparer.Ordinal)] : [];
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    // The selector runs under the read lock taken by Select.
    int[] IPostingsSource.AllPostings() => _all.ToArray();

    IReadOnlyCollection<string> IPostingsSource.ValuesOf(string name) =>
        _postings.TryGetValue(name, out var values) ? values.Lists.Keys : [];

    int[] IPostingsSource.PostingsOf(string name, string value) =>
        _postings.TryGetValue(name, out var values) && values.Lists.TryGetValue(value, out var list) ? list.ToArray() : [];

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    // The postings of one label name; Name is the one copy of the name string every series shares.
    private sealed class LabelPostings(string name)
    {
        public string Name { get; } = name;

        public Dictionary<string, PostingList> Lists { get; } = new(StringComparer.Ordinal);
    }
}
