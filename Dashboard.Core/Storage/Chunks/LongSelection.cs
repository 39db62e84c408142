namespace Dashboard.Core.Storage.Chunks;

/// <summary>Order statistics of small spans without sorting them.</summary>
internal static class LongSelection
{
    /// <summary>The lower median of <paramref name="values"/>, found by quickselect; the span is reordered.</summary>
    /// <param name="values">The numbers; may be empty.</param>
    /// <returns>The element of rank (n - 1) / 2, or 0 for an empty span.</returns>
    public static long Median(Span<long> values)
    {
        if (values.IsEmpty)
        {
            return 0;
        }

        var rank = (values.Length - 1) / 2;
        int low = 0, high = values.Length - 1;
        while (low < high)
        {
            // Median of three as pivot: sorted or constant runs, common here, stay linear.
            var pivot = MedianOfThree(values[low], values[low + ((high - low) / 2)], values[high]);
            int i = low, j = high;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (rank <= j)
            {
                high = j;
            }
            else if (rank >= i)
            {
                low = i;
            }
            else
            {
                return values[rank];
            }
        }

        return values[rank];
    }

    private static long MedianOfThree(long a, long b, long c) =>
        a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));
}
