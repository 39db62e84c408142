using System.Text;
using Dashboard.UI.Components.TimeRange;

namespace Dashboard.UI.Components.Explorer;

/// <summary>
/// Everything the explorer's chart depends on, as its URL carries it:
/// <c>explorer?q=rate(x[5m])&amp;q=y&amp;range=1h&amp;tz=utc&amp;live=1</c> (or <c>from=…&amp;to=…</c> for an absolute
/// range). Loading that URL draws the same chart.
/// </summary>
public sealed class ExplorerState : IEquatable<ExplorerState>
{
    /// <summary>The URL parameter of a query; repeated for several.</summary>
    public const string QueryParameter = "q";

    /// <summary>The URL parameter of live mode (<c>1</c>).</summary>
    public const string LiveParameter = "live";

    /// <summary>Creates the state.</summary>
    public ExplorerState(IReadOnlyList<string> queries, ChartRange range, bool live)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(range);
        Queries = [.. queries.Where(q => !string.IsNullOrWhiteSpace(q))];
        Range = range;
        Live = live;
    }

    /// <summary>The PromQL expressions charted (none: an empty explorer).</summary>
    public IReadOnlyList<string> Queries { get; }

    /// <summary>The range shown.</summary>
    public ChartRange Range { get; }

    /// <summary>Whether the chart slides as collects arrive.</summary>
    public bool Live { get; }

    /// <summary>Reads the state from the explorer URL's parameters; <paramref name="error"/> names a wrong one.</summary>
    public static ExplorerState Parse(string[]? queries, string? range, string? from, string? to, string? zone, string? live, out string? error)
    {
        ChartRange.TryParse(range, from, to, zone, out var chartRange, out error);
        return new ExplorerState(queries ?? [], chartRange, live is "1" or "true");
    }

    /// <summary>The relative URL of this state: <c>explorer?…</c>.</summary>
    public string ToRelativeUri()
    {
        var query = new StringBuilder("explorer");
        var separator = '?';
        void Add(string name, string? value)
        {
            if (value is null)
            {
                return;
            }

            query.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        foreach (var q in Queries)
        {
            Add(QueryParameter, q);
        }

        foreach (var (name, value) in Range.ToQuery())
        {
            Add(name, (string?)value);
        }

        Add(LiveParameter, Live ? "1" : null);
        return query.ToString();
    }

    /// <inheritdoc />
    public bool Equals(ExplorerState? other) => other is not null && other.ToRelativeUri() == ToRelativeUri();

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ExplorerState);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToRelativeUri());
}
