using Dashboard.Abstractions;
using Dashboard.Core.Query.Evaluation;
using Dashboard.Core.Tests.Storage.Store;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.Query.Evaluation;

/// <summary>A query engine over a real store in a temp folder, and helpers to write samples and read answers.</summary>
internal sealed class QueryEngineFixture : IDisposable
{
    public const long Start = 1_700_000_000_000;
    public const long Second = 1_000;
    public const long Minute = 60 * Second;

    private readonly StoreFixture _store = new();
    private readonly TestMeterFactory _meters = new();

    public QueryEngineFixture(QueryOptions? options = null)
    {
        Source = new CountingSource(new StoreSeriesSource(_store.Store));
        Engine = new QueryEngine(Source, options ?? new QueryOptions(), new QueryMetrics(_meters));
    }

    public QueryEngine Engine { get; }

    public CountingSource Source { get; }

    /// <summary>Writes one sample per interval from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public void Write(Label[] series, long from, long to, long interval, Func<long, double> value)
    {
        for (var t = from; t < to; t += interval)
        {
            _store.Store.Append(series, t, value(t));
        }
    }

    public void Write(Label[] series, long t, double value) => _store.Store.Append(series, t, value);

    public static Label[] Series(string metric, params (string Name, string Value)[] labels) => StoreFixture.Series(metric, labels);

    public Task<QueryResult> InstantAsync(string query, long time, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Engine.InstantAsync(query, time, timeout, cancellationToken);

    /// <summary>An instant vector's samples as "labels=value" lines, sorted.</summary>
    public async Task<string[]> VectorAsync(string query, long time)
    {
        var result = Assert.IsType<VectorResult>(await InstantAsync(query, time));
        return [.. result.Samples.Select(s => Text(s.Labels) + "=" + s.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)];
    }

    public static string Text(Label[] labels) => "{" + string.Join(",", labels.Select(l => $"{l.Name}={l.Value}")) + "}";

    public void Dispose()
    {
        Engine.Dispose();
        _store.Dispose();
        _meters.Dispose();
    }

    /// <summary>The store's series source, counting how often the engine reads it.</summary>
    internal sealed class CountingSource(ISeriesSource inner) : ISeriesSource
    {
        public int Selections { get; private set; }

        public Task<IReadOnlyList<ISourceSeries>> SelectAsync(IReadOnlyList<Dashboard.Core.Storage.Index.LabelMatcher> matchers,
            long minTimeMs, long maxTimeMs, CancellationToken cancellationToken)
        {
            Selections++;
            return inner.SelectAsync(matchers, minTimeMs, maxTimeMs, cancellationToken);
        }
    }
}
