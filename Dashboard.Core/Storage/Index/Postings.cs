namespace Dashboard.Core.Storage.Index;

/// <summary>Set operations on postings lists: ascending, duplicate-free arrays of series ids.</summary>
public static class Postings
{
    /// <summary>The ids present in both lists.</summary>
    /// <param name="a">A postings list.</param>
    /// <param name="b">Another.</param>
    /// <returns>Their intersection.</returns>
    public static int[] Intersect(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length > b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }

        var result = new List<int>(a.Length);
        if (a.Length * 16 < b.Length)
        {
            // Much shorter list: binary search its ids in the longer one instead of walking both.
            foreach (var id in a)
            {
                if (b.BinarySearch(id) >= 0)
                {
                    result.Add(id);
                }
            }

            return [.. result];
        }

        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                result.Add(a[i]);
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return [.. result];
    }

    /// <summary>The ids of <paramref name="a"/> that are not in <paramref name="b"/>.</summary>
    /// <param name="a">A postings list.</param>
    /// <param name="b">The ids to remove.</param>
    /// <returns>The difference.</returns>
    public static int[] Subtract(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var result = new List<int>(a.Length);
        var j = 0;
        foreach (var id in a)
        {
            while (j < b.Length && b[j] < id)
            {
                j++;
            }

            if (j >= b.Length || b[j] != id)
            {
                result.Add(id);
            }
        }

        return [.. result];
    }

    /// <summary>The ids present in any of the lists.</summary>
    /// <param name="lists">Postings lists.</param>
    /// <returns>Their union.</returns>
    public static int[] Union(IReadOnlyList<int[]> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        switch (lists.Count)
        {
            case 0:
                return [];
            case 1:
                return lists[0];
        }

        var total = 0;
        foreach (var list in lists)
        {
            total += list.Length;
        }

        // Concatenate, sort, dedupe: simpler than a k-way merge and as fast for the list counts regexes produce.
        var all = new int[total];
        var at = 0;
        foreach (var list in lists)
        {
            list.CopyTo(all, at);
            at += list.Length;
        }

        Array.Sort(all);
        var unique = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (i == 0 || all[i] != all[i - 1])
            {
                all[unique++] = all[i];
            }
        }

        return all[..unique];
    }
}
