namespace Dashboard.Bench.Harness;

/// <summary>A markdown table written row by row.</summary>
internal sealed class MarkdownTable
{
    private readonly List<string[]> _rows = [];
    private readonly string[] _header;

    public MarkdownTable(params string[] header) => _header = header;

    public void Row(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter output)
    {
        output.WriteLine("| " + string.Join(" | ", _header) + " |");
        output.WriteLine("|" + string.Concat(_header.Select(_ => "---|")));
        foreach (var row in _rows)
        {
            output.WriteLine("| " + string.Join(" | ", row) + " |");
        }

        output.WriteLine();
    }
}
