using System.Text;

namespace Dashboard.UI.Components.Explorer;

/// <summary>Writes the metric builder's choice as a PromQL series selector: <c>metric{job="node", mode!~"idle|iowait"}</c>.</summary>
public static class SelectorText
{
    /// <summary>The selector of <paramref name="metric"/> and the filters that are set.</summary>
    public static string Write(string? metric, IEnumerable<LabelFilter> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var text = new StringBuilder(metric?.Trim() ?? "");
        var set = filters.Where(f => f.IsSet).ToList();
        if (set.Count == 0)
        {
            return text.Length == 0 ? "" : text.ToString();
        }

        text.Append('{');
        text.AppendJoin(", ", set.Select(f => $"{f.Name!.Trim()}{f.Operator}\"{Escape(f.Value ?? "")}\""));
        return text.Append('}').ToString();
    }

    // A PromQL double-quoted string: backslash and quote escaped, as are line breaks.
    private static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);
}
