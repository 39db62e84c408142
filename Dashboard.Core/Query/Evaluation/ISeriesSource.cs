using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query.Evaluation;

/// <summary>
/// Where the query engine reads raw samples: the embedded store (<see cref="StoreSeriesSource"/>) or a remote
/// Prometheus-API server (the scale-out path). The engine asks once per selector, before it evaluates, for the whole
/// time span every step of the query can reach; a source may answer with more samples than asked, or with series that
/// have none in the span (the store selects by chunk overlap), since the engine reads only the span it needs, but
/// never with fewer.
/// </summary>
public interface ISeriesSource
{
    /// <summary>The series every matcher accepts with samples in [<paramref name="minTimeMs"/>, <paramref name="maxTimeMs"/>].</summary>
    /// <param name="matchers">Label matchers (Prometheus semantics); at least one.</param>
    /// <param name="minTimeMs">Span start, inclusive (Unix ms).</param>
    /// <param name="maxTimeMs">Span end, inclusive (Unix ms).</param>
    /// <param name="cancellationToken">Ends the read (the query's timeout or the caller leaving).</param>
    /// <returns>The series, each once, in any order.</returns>
    /// <exception cref="QuerySourceException">The source could not answer (a remote server's error, for instance).</exception>
    Task<IReadOnlyList<ISourceSeries>> SelectAsync(IReadOnlyList<LabelMatcher> matchers, long minTimeMs, long maxTimeMs,
        CancellationToken cancellationToken);
}
