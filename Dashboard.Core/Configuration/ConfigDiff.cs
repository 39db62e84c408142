using System.Text;

namespace Dashboard.Core.Configuration;

/// <summary>
/// The change a config edit made, as a short unified-style line diff (<c>-</c> removed, <c>+</c> added, two lines of
/// context, at most <see cref="MaxLines"/> lines) for the audit log. Every config diff the API records goes through
/// <see cref="Describe"/>, so masking secrets means masking both texts here before they are compared.
/// </summary>
public static class ConfigDiff
{
    /// <summary>The most lines a description has; the rest is counted, not shown.</summary>
    public const int MaxLines = 80;

    private const int Context = 2;

    // Beyond this many cells the middle is shown as removed then added rather than aligned line by line.
    private const long MaxCells = 4_000_000;

    /// <summary>Describes the change from <paramref name="before"/> to <paramref name="after"/>.</summary>
    /// <param name="before">The old text, or <see langword="null"/> when it did not exist.</param>
    /// <param name="after">The new text, or <see langword="null"/> when it was removed.</param>
    /// <returns>The diff, or <c>(no change)</c>.</returns>
    public static string Describe(string? before, string? after)
    {
        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);
        if (edits.All(e => e.Kind == ' '))
        {
            return "(no change)";
        }

        var text = new StringBuilder();
        text.Append(before is null ? "--- (none)" : "--- before").Append('\n');
        text.Append(after is null ? "+++ (none)" : "+++ after").Append('\n');
        var shown = 2;
        var hidden = 0;
        foreach (var (start, end) in Hunks(edits))
        {
            var oldStart = edits[start].OldLine;
            var newStart = edits[start].NewLine;
            var oldCount = edits[start..end].Count(e => e.Kind != '+');
            var newCount = edits[start..end].Count(e => e.Kind != '-');
            var lines = new List<string> { $"@@ -{oldStart + 1},{oldCount} +{newStart + 1},{newCount} @@" };
            lines.AddRange(edits[start..end].Select(e => $"{e.Kind}{e.Text}"));
            foreach (var line in lines)
            {
                if (shown < MaxLines)
                {
                    text.Append(line).Append('\n');
                    shown++;
                }
                else
                {
                    hidden++;
                }
            }
        }

        if (hidden > 0)
        {
            text.Append("… ").Append(hidden).Append(" more lines\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string[] Lines(string? text) =>
        text is null ? [] : text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    private static List<Edit> Edits(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var edits = new List<Edit>(a.Length + b.Length);
        for (var i = 0; i < prefix; i++)
        {
            edits.Add(new Edit(' ', a[i], i, i));
        }

        Middle(a, b, prefix, a.Length - suffix, prefix, b.Length - suffix, edits);
        for (var i = suffix; i > 0; i--)
        {
            edits.Add(new Edit(' ', a[^i], a.Length - i, b.Length - i));
        }

        return edits;
    }

    // The longest common subsequence of the changed middle, walked forwards into edits.
    private static void Middle(string[] a, string[] b, int a0, int a1, int b0, int b1, List<Edit> edits)
    {
        int n = a1 - a0, m = b1 - b0;
        if ((long)n * m > MaxCells)
        {
            edits.AddRange(Enumerable.Range(a0, n).Select(i => new Edit('-', a[i], i, b0)));
            edits.AddRange(Enumerable.Range(b0, m).Select(j => new Edit('+', b[j], a1, j)));
            return;
        }

        var lengths = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lengths[i, j] = a[a0 + i] == b[b0 + j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[a0 + x] == b[b0 + y])
            {
                edits.Add(new Edit(' ', a[a0 + x], a0 + x, b0 + y));
                x++;
                y++;
            }
            else if (x < n && (y == m || lengths[x + 1, y] >= lengths[x, y + 1]))
            {
                // Removals before additions, as unified diffs show a changed line.
                edits.Add(new Edit('-', a[a0 + x], a0 + x, b0 + y));
                x++;
            }
            else
            {
                edits.Add(new Edit('+', b[b0 + y], a0 + x, b0 + y));
                y++;
            }
        }
    }

    // Runs of changes with their context, merged when their context touches.
    private static IEnumerable<(int Start, int End)> Hunks(List<Edit> edits)
    {
        var i = 0;
        while (i < edits.Count)
        {
            while (i < edits.Count && edits[i].Kind == ' ')
            {
                i++;
            }

            if (i == edits.Count)
            {
                yield break;
            }

            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < edits.Count)
            {
                if (edits[end].Kind != ' ')
                {
                    end++;
                    continue;
                }

                var next = end;
                while (next < edits.Count && edits[next].Kind == ' ')
                {
                    next++;
                }

                if (next < edits.Count && next - end <= 2 * Context)
                {
                    end = next;
                    continue;
                }

                end = Math.Min(edits.Count, end + Context);
                break;
            }

            yield return (start, end);
            i = end;
        }
    }

    private readonly record struct Edit(char Kind, string Text, int OldLine, int NewLine);
}
