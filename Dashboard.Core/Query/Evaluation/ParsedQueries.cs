using Dashboard.Core.Query.Parsing;
using Microsoft.Extensions.Caching.Memory;

namespace Dashboard.Core.Query.Evaluation;

/// <summary>
/// Parsed queries by their text, the most recent ones kept. Dashboards ask the same few queries again and again, and a
/// parse compiles every regex matcher; the syntax tree is immutable, so concurrent evaluations share it.
/// </summary>
internal sealed class ParsedQueries : IDisposable
{
    private readonly MemoryCache _cache;

    public ParsedQueries(int capacity) =>
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = 0.25 });

    /// <summary>The query's syntax tree, parsed now or earlier.</summary>
    /// <exception cref="QueryException">The query does not parse (errors are not kept: a typo is retyped, not repeated).</exception>
    public Expr Get(string query)
    {
        if (_cache.TryGetValue(query, out Expr? expr))
        {
            return expr!;
        }

        try
        {
            expr = PromQLParser.ParseExpr(query);
        }
        catch (PromQLSyntaxException ex)
        {
            throw new QueryException(QueryErrorKind.BadData, ex.Message, ex) { Parameter = "query" };
        }

        using var entry = _cache.CreateEntry(query);
        entry.Value = expr;
        entry.Size = 1;
        return expr;
    }

    public void Dispose() => _cache.Dispose();
}
