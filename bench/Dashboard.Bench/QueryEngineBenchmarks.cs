using System.Buffers;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Dashboard.Abstractions;
using Dashboard.Core.Query.Evaluation;
using Dashboard.Core.Query.Json;
using Dashboard.Core.Storage;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Bench;

/// <summary>
/// P4's three range queries through the query engine on the embedded store, and the JSON the API would send: the
/// evaluator's share of a <c>query_range</c> without HTTP (the harness's <c>p4</c> measures the whole request against
/// Prometheus). Data, all in the store's head, ending now:
/// <c>rate(requests_total[5m])</c> over 100 counters × 1,000 steps of 15 s;
/// <c>sum by (group) (load)</c> over 10,000 gauges (100 groups) × 24 h at 60 s, 1,000 steps;
/// <c>histogram_quantile(0.9, sum by (le) (rate(latency_bucket[5m])))</c> over 1,000 bucket series (100 instances ×
/// 10 bounds) × 1,000 steps of 15 s.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class QueryEngineBenchmarks : IDisposable
{
    private const long Second = 1000;
    private static readonly string[] Bounds = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"];

    private readonly TempFolder _folder = new();
    private readonly TestMeterFactory _meters = new();
    private readonly ArrayBufferWriter<byte> _json = new(1 << 20);
    private TsdbStore _store = null!;
    private QueryEngine _engine = null!;
    private long _end;

    [GlobalSetup]
    public void Setup()
    {
        _store = new TsdbStore(new StorageOptions { Path = _folder.Combine("tsdb"), BlockDuration = TimeSpan.FromDays(2) },
            TimeProvider.System, new StorageMetrics(_meters), NullLogger<TsdbStore>.Instance);
        _store.Open();
        _end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / (60 * Second) * (60 * Second);
        var random = new Random(42);
        var shortStart = _end - (1000 * 15 * Second);
        for (var t = shortStart - (5 * 60 * Second); t <= _end; t += 15 * Second)
        {
            for (var i = 0; i < 100; i++)
            {
                _store.Append(Series("requests_total", ("instance", Name(i))), t, (t - shortStart) / 1000.0 * (i + 1));
                for (var b = 0; b < Bounds.Length; b++)
                {
                    _store.Append(Series("latency_bucket", ("instance", Name(i)), ("le", Bounds[b])), t, (t - shortStart) / 100.0 * (b + 1));
                }
            }
        }

        for (var t = _end - (24 * 3600 * Second) - (5 * 60 * Second); t <= _end; t += 60 * Second)
        {
            for (var i = 0; i < 10_000; i++)
            {
                _store.Append(Series("load", ("group", Name(i % 100)), ("instance", Name(i))), t, random.NextDouble() * 100);
            }
        }

        _engine = new QueryEngine(new StoreSeriesSource(_store), new QueryOptions(), new QueryMetrics(_meters));
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _engine.Dispose();
        _store.Dispose();
        _meters.Dispose();
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary><c>rate</c> over 100 series × 1,000 steps.</summary>
    [Benchmark]
    public Task<int> Rate() => RunAsync("rate(requests_total[5m])", _end - (999 * 15 * Second), 15 * Second);

    /// <summary><c>rate</c> over 100 series × 1,000 steps, evaluated only (no JSON): the evaluator's share.</summary>
    [Benchmark]
    public async Task<int> RateEvaluated() =>
        (await _engine.RangeAsync("rate(requests_total[5m])", _end - (999 * 15 * Second), _end, 15 * Second, null, default)).ResultType.Length;

    /// <summary><c>sum by</c> over 10,000 series × 24 h (1,000 steps).</summary>
    [Benchmark]
    public Task<int> SumBy() => RunAsync("sum by (group) (load)", _end - (999 * 86_400), 86_400);

    /// <summary><c>histogram_quantile</c> over 1,000 bucket series × 1,000 steps.</summary>
    [Benchmark]
    public Task<int> HistogramQuantile() =>
        RunAsync("histogram_quantile(0.9, sum by (le) (rate(latency_bucket[5m])))", _end - (999 * 15 * Second), 15 * Second);

    private async Task<int> RunAsync(string query, long start, long step)
    {
        var result = await _engine.RangeAsync(query, start, _end, step, null, default);
        _json.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_json))
        {
            QueryResultJson.WriteData(json, result);
        }

        return _json.WrittenCount;
    }

    private static string Name(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static Label[] Series(string metric, params (string Name, string Value)[] labels) =>
        [.. labels.Select(l => new Label(l.Name, l.Value)).Append(new Label("__name__", metric)).OrderBy(l => l.Name, StringComparer.Ordinal)];
}
