using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Dashboard.Abstractions;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>Gathers, for every label pair, the ids of the series that carry it, and writes them as <c>index.arrow</c>.
/// Series arrive in id order, so every list is sorted as built.</summary>
internal sealed class PostingsBuilder
{
    private readonly Dictionary<string, Dictionary<string, List<int>>> _byName = new(StringComparer.Ordinal);

    public void Add(Label[] labels, int seriesId)
    {
        foreach (var label in labels)
        {
            if (!_byName.TryGetValue(label.Name, out var byValue))
            {
                byValue = new Dictionary<string, List<int>>(StringComparer.Ordinal);
                _byName.Add(label.Name, byValue);
            }

            if (!byValue.TryGetValue(label.Value, out var ids))
            {
                ids = [];
                byValue.Add(label.Value, ids);
            }

            ids.Add(seriesId);
        }
    }

    /// <summary>Writes one row per label pair, sorted by name then value.</summary>
    public void WriteTo(ArrowFileSink sink, BatchLimits limits)
    {
        var names = new StringArray.Builder();
        var values = new StringArray.Builder();
        var postings = new ListArray.Builder(Int32Type.Default);
        var rows = 0;
        var ids = 0;
        foreach (var name in _byName.Keys.Order(StringComparer.Ordinal))
        {
            var byValue = _byName[name];
            foreach (var value in byValue.Keys.Order(StringComparer.Ordinal))
            {
                var list = byValue[value];
                names.Append(name);
                values.Append(value);
                postings.Append();
                ((Int32Array.Builder)postings.ValueBuilder).Append(CollectionsMarshal.AsSpan(list));
                rows++;
                ids += list.Count;
                if (rows >= limits.IndexRows || ids >= limits.IndexIds)
                {
                    sink.Write(new RecordBatch(BlockLayout.IndexSchema, [names.Build(), values.Build(), postings.Build()], rows));
                    names = new StringArray.Builder();
                    values = new StringArray.Builder();
                    postings = new ListArray.Builder(Int32Type.Default);
                    rows = 0;
                    ids = 0;
                }
            }
        }

        if (rows > 0)
        {
            sink.Write(new RecordBatch(BlockLayout.IndexSchema, [names.Build(), values.Build(), postings.Build()], rows));
        }
    }
}
