using System.Collections.ObjectModel;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Dashboard.Core.Storage.Index;
using Array = System.Array;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>
/// The content of <c>index.arrow</c> in memory: every label name, its values, and for each pair the sorted ids of
/// the series carrying it. Selection looks values up by binary search, or scans the values of one label name for a
/// regex; it never visits the series themselves.
/// </summary>
internal sealed class PostingsIndex
{
    // Regex metacharacters (and the characters that are special under IgnorePatternWhitespace, to stay safe): a
    // pattern free of them, split on '|', is a plain list of values.
    private static readonly System.Buffers.SearchValues<char> RegexSpecials = System.Buffers.SearchValues.Create("\\*+?{}[]()^$.# \t\r\n\f");

    private readonly string[] _names;
    private readonly int[] _nameStarts;
    private readonly string[] _values;
    private readonly int[] _offsets;
    private readonly int[] _ids;
    private readonly int _seriesCount;
    private readonly ReadOnlyCollection<string> _readOnlyNames;

    private PostingsIndex(string[] names, int[] nameStarts, string[] values, int[] offsets, int[] ids, int seriesCount)
    {
        _names = names;
        _nameStarts = nameStarts;
        _values = values;
        _offsets = offsets;
        _ids = ids;
        _seriesCount = seriesCount;
        _readOnlyNames = Array.AsReadOnly(names);
    }

    public IReadOnlyList<string> LabelNames => _readOnlyNames;

    public IReadOnlyList<string> LabelValues(string name)
    {
        if (!TryFindName(name, out var start, out var end))
        {
            return [];
        }

        return new ReadOnlyCollection<string>(new ArraySegment<string>(_values, start, end - start));
    }

    /// <summary>The ids of the series matching every matcher, ascending.</summary>
    public int[] Select(IReadOnlyList<LabelMatcher> matchers)
    {
        // Sets are views into the postings where possible: a single value's list is only copied if it is the answer.
        List<ArraySegment<int>>? required = null;
        List<ArraySegment<int>>? excluded = null;
        foreach (var matcher in matchers)
        {
            ArgumentNullException.ThrowIfNull(matcher, nameof(matchers));
            if (matcher.MatchesEmpty)
            {
                // Series without the label match; of those with it, drop the ones whose value fails the matcher.
                var failing = ValueRows(matcher, matching: false);
                if (failing.Count > 0)
                {
                    (excluded ??= []).Add(UnionOf(failing));
                }
            }
            else
            {
                var passing = ValueRows(matcher, matching: true);
                if (passing.Count == 0)
                {
                    return [];
                }

                (required ??= []).Add(UnionOf(passing));
            }
        }

        int[] result;
        if (required is null)
        {
            result = new int[_seriesCount];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = i;
            }
        }
        else if (required.Count == 1)
        {
            result = [.. required[0]];
        }
        else
        {
            // Smallest first: every intersection is then bounded by the shortest list.
            required.Sort(static (a, b) => a.Count.CompareTo(b.Count));
            result = Postings.Intersect(required[0], required[1]);
            for (var i = 2; i < required.Count && result.Length > 0; i++)
            {
                result = Postings.Intersect(result, required[i]);
            }
        }

        if (excluded is not null)
        {
            foreach (var ids in excluded)
            {
                if (result.Length == 0)
                {
                    break;
                }

                result = Postings.Subtract(result, ids);
            }
        }

        return result;
    }

    /// <summary>The rows (label pairs) of the matcher's label name whose value does, or does not, satisfy it.</summary>
    private List<int> ValueRows(LabelMatcher matcher, bool matching)
    {
        var rows = new List<int>();
        if (!TryFindName(matcher.Name, out var start, out var end))
        {
            return rows;
        }

        // "=" and "=~" match exactly the values of a literal set, "!=" and "!~" all the others. When the rows wanted
        // are those of the set, look them up; otherwise scan the values of this name.
        var literals = matcher.Type switch
        {
            LabelMatchType.Equal or LabelMatchType.NotEqual => [matcher.Value],
            _ => LiteralAlternatives(matcher.Value),
        };
        var setMatches = matcher.Type is LabelMatchType.Equal or LabelMatchType.Regex;
        if (literals is not null && setMatches == matching)
        {
            foreach (var literal in literals)
            {
                var row = Array.BinarySearch(_values, start, end - start, literal, StringComparer.Ordinal);
                if (row >= 0 && !rows.Contains(row))
                {
                    rows.Add(row);
                }
            }

            return rows;
        }

        for (var row = start; row < end; row++)
        {
            if (matcher.Matches(_values[row]) == matching)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private static string[]? LiteralAlternatives(string pattern) =>
        pattern.AsSpan().ContainsAny(RegexSpecials) ? null : pattern.Split('|');

    /// <summary>The union of the postings of several values of one label name. A series has one value per name, so
    /// the lists are disjoint and the union is their concatenation, sorted.</summary>
    private ArraySegment<int> UnionOf(List<int> rows)
    {
        if (rows.Count == 1)
        {
            return new ArraySegment<int>(_ids, _offsets[rows[0]], _offsets[rows[0] + 1] - _offsets[rows[0]]);
        }

        var total = 0;
        foreach (var row in rows)
        {
            total += _offsets[row + 1] - _offsets[row];
        }

        var result = new int[total];
        if (total > _seriesCount / 16)
        {
            // Dense: mark a bitmap and read it back in order, linear in the series count, no sort.
            var bits = new ulong[(_seriesCount + 63) / 64];
            foreach (var row in rows)
            {
                foreach (var id in Ids(row))
                {
                    bits[id >> 6] |= 1UL << (id & 63);
                }
            }

            var at = 0;
            for (var word = 0; word < bits.Length; word++)
            {
                var value = bits[word];
                while (value != 0)
                {
                    result[at++] = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(value);
                    value &= value - 1;
                }
            }

            return result;
        }

        var filled = 0;
        foreach (var row in rows)
        {
            var ids = Ids(row);
            ids.CopyTo(result.AsSpan(filled));
            filled += ids.Length;
        }

        Array.Sort(result);
        return result;
    }

    private ReadOnlySpan<int> Ids(int row) => _ids.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);

    private bool TryFindName(string name, out int start, out int end)
    {
        var at = Array.BinarySearch(_names, name, StringComparer.Ordinal);
        if (at < 0)
        {
            start = end = 0;
            return false;
        }

        start = _nameStarts[at];
        end = _nameStarts[at + 1];
        return true;
    }

    /// <summary>Reads <c>index.arrow</c>, checking that pairs are sorted and unique and that every id is ascending
    /// within its list and names one of <paramref name="seriesCount"/> series, so that lookups can trust it.</summary>
    /// <exception cref="InvalidDataException">The file does not have the layout of <c>index.arrow</c>.</exception>
    public static PostingsIndex Read(ArrowFileReader reader, StringPool strings, int seriesCount)
    {
        if (!BlockLayout.SameFields(reader.Schema, BlockLayout.IndexSchema))
        {
            throw new InvalidDataException("the schema is not that of index.arrow");
        }

        var names = new List<string>();
        var nameStarts = new List<int>();
        var values = new List<string>();
        var offsets = new List<int> { 0 };
        var ids = new List<int>();
        string? previousName = null;
        string? previousValue = null;
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                var length = batch.Length;
                var nameColumn = ArrowColumns.Get<StringArray>(batch, 0, length);
                var valueColumn = ArrowColumns.Get<StringArray>(batch, 1, length);
                var lists = ArrowColumns.Get<ListArray>(batch, 2, length);
                var listIds = ArrowColumns.Values<Int32Array>(lists).Values;
                var listOffsets = lists.ValueOffsets;
                for (var row = 0; row < length; row++)
                {
                    var name = strings.Get(nameColumn.GetBytes(row));
                    var value = strings.Get(valueColumn.GetBytes(row));
                    var byName = previousName is null ? 1 : string.CompareOrdinal(name, previousName);
                    if (byName < 0 || (byName == 0 && string.CompareOrdinal(value, previousValue) <= 0))
                    {
                        throw new InvalidDataException($"label pair {name}=\"{value}\" is out of order");
                    }

                    if (byName > 0)
                    {
                        names.Add(name);
                        nameStarts.Add(values.Count);
                    }

                    var start = listOffsets[row];
                    var end = listOffsets[row + 1];
                    if (start < 0 || end < start || end > listIds.Length)
                    {
                        throw new InvalidDataException($"the postings of {name}=\"{value}\" point outside the id column");
                    }

                    var previousId = -1;
                    foreach (var id in listIds[start..end])
                    {
                        if (id <= previousId || id >= seriesCount)
                        {
                            throw new InvalidDataException($"the postings of {name}=\"{value}\" hold id {id} out of order or beyond {seriesCount} series");
                        }

                        previousId = id;
                    }

                    ids.AddRange(listIds[start..end]);
                    values.Add(value);
                    offsets.Add(ids.Count);
                    previousName = name;
                    previousValue = value;
                }
            }
        }

        nameStarts.Add(values.Count);
        return new PostingsIndex([.. names], [.. nameStarts], [.. values], [.. offsets], [.. ids], seriesCount);
    }
}
