using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Dashboard.Core.Query.Evaluation;
using Dashboard.Core.Query.Remote;
using Dashboard.Core.RemoteWrite;
using Dashboard.Core.RemoteWrite.Protocol;
using Dashboard.Core.Tests.Storage.Store;
using Dashboard.Core.Storage;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Label = Dashboard.Abstractions.Label;

namespace Dashboard.Core.Tests.Query.Remote;

/// <summary>
/// One data set loaded into a real Prometheus 2.42 (by remote_write into its receiver) and into our store, with a
/// <see cref="PrometheusRemoteSource"/> on the one and a <see cref="StoreSeriesSource"/> on the other, shared by the
/// tests of <see cref="Collection"/>: the two sources must answer every selection with the same samples.
/// </summary>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes a fixture through IAsyncLifetime.DisposeAsync")]
public sealed class RemoteSourceFixture : IAsyncLifetime
{
    /// <summary>The collection whose tests share one fixture.</summary>
    public const string Collection = "Remote source data";

    /// <summary>The regular series' step.</summary>
    public const long StepMs = 15_000;

    /// <summary>Samples per regular series.</summary>
    public const int Steps = 80;

    /// <summary>A label value that needs every escape PromQL has, and some non-ASCII.</summary>
    public const string AwkwardValue = "a\"b\\c\nd\te é ✓ 🙂";

    // No negative zero: remote_write cannot carry one (proto3 leaves a zero double out, sign and all, in Prometheus's
    // encoder as in ours), so Prometheus would hold +0.
    private static readonly double[] Specials =
        [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.1 + 0.2, 1e300, 1e-300, double.MaxValue, double.Epsilon, -1.5];

    private readonly TempFolder _folder = new();
    private readonly TestMeterFactory _meters = new();
    private TsdbStore? _store;
    private PrometheusProcess? _prometheus;
    private HttpClient? _http;

    /// <summary>The first regular sample's time (Unix ms): a whole minute about 40 minutes ago.</summary>
    public long StartMs { get; } = (DateTimeOffset.UtcNow.AddMinutes(-40).ToUnixTimeMilliseconds() / 60_000) * 60_000;

    /// <summary>The last regular sample's time.</summary>
    public long EndMs => StartMs + ((Steps - 1) * StepMs);

    /// <summary>The embedded store's answers: the reference.</summary>
    public ISeriesSource Store { get; private set; } = null!;

    /// <summary>The remote source over the Prometheus holding the same data.</summary>
    public PrometheusRemoteSource Remote { get; private set; } = null!;

    internal PrometheusProcess Prometheus => _prometheus ?? throw new InvalidOperationException("fixture not started");

    public async Task InitializeAsync()
    {
        // The store's clock is now (and stands still): the data set is recent, as it is for Prometheus.
        _store = new TsdbStore(new StorageOptions { Path = _folder.Combine("tsdb"), BlockDuration = TimeSpan.FromHours(2) },
            new FakeTimeProvider(DateTimeOffset.UtcNow), new StorageMetrics(_meters), NullLogger<TsdbStore>.Instance);
        _store.Open();
        _prometheus = await PrometheusProcess.StartAsync(_folder.Combine("prometheus"), "global: {}\n", remoteWriteReceiver: true);
        var request = new WriteRequest();
        foreach (var (labels, samples) in DataSet())
        {
            var series = new TimeSeries();
            series.Labels.AddRange(labels.Select(l => new Dashboard.Core.RemoteWrite.Protocol.Label { Name = l.Name, Value = l.Value }));
            foreach (var (timestamp, value) in samples)
            {
                series.Samples.Add(new Sample { Timestamp = timestamp, Value = value });
                Assert.Equal(Dashboard.Core.Storage.Head.AppendOutcome.Appended, _store.Append(labels, timestamp, value));
            }

            request.Timeseries.Add(series);
        }

        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using (var content = RemoteWriteProtocol.Content(RemoteWriteProtocol.Encode(request)))
        using (var response = await _http.PostAsync(_prometheus.WriteUrl, content))
        {
            Assert.True(response.IsSuccessStatusCode, $"Prometheus refused the data set: {await response.Content.ReadAsStringAsync()}\n{_prometheus.Log}");
        }

        Store = new StoreSeriesSource(_store);
        Remote = new PrometheusRemoteSource(_http, new PrometheusRemoteSourceOptions { Url = _prometheus.BaseAddress });
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        _http?.Dispose();
        _store?.Dispose();
        _meters.Dispose();
        _folder.Dispose();
    }

    private IEnumerable<(Label[] Labels, List<(long, double)> Samples)> DataSet()
    {
        // Counters of a small service: 3 instances × 2 codes, every 15 s.
        foreach (var instance in new[] { "a", "b", "c" })
        {
            foreach (var code in new[] { "200", "500" })
            {
                var rate = instance[0] - 'a' + (code == "500" ? 0.25 : 3);
                yield return (Series("rs_requests_total", ("job", "api"), ("instance", instance), ("code", code)),
                    [.. Enumerable.Range(0, Steps).Select(i => (StartMs + (i * StepMs), Math.Round(i * rate * 15, 3)))]);
            }
        }

        // Values that only survive an exact round trip: NaN, infinities, extremes.
        for (var k = 0; k < 3; k++)
        {
            yield return (Series("rs_specials", ("kind", k.ToString(CultureInfo.InvariantCulture))),
                [.. Enumerable.Range(0, Steps).Select(i => (StartMs + (i * StepMs), Specials[(i + k) % Specials.Length]))]);
        }

        // Label values with quotes, backslashes, control characters and non-ASCII.
        yield return (Series("rs_quotes", ("path", AwkwardValue)), [.. Enumerable.Range(0, Steps).Select(i => (StartMs + (i * StepMs), (double)i))]);
        yield return (Series("rs_quotes", ("path", "plain")), [.. Enumerable.Range(0, Steps).Select(i => (StartMs + (i * StepMs), (double)-i))]);

        // Only in the first two minutes: absent from any later span.
        yield return (Series("rs_early", ("job", "batch")), [.. Enumerable.Range(0, 8).Select(i => (StartMs + (i * StepMs), (double)i))]);

        // Irregular times with millisecond precision.
        yield return (Series("rs_irregular", ("job", "batch")), [.. Enumerable.Range(0, 150).Select(i => (StartMs + (i * 7_333L) + (i % 7), i * 0.001))]);

        // Many series, few samples each.
        for (var shard = 0; shard < 2000; shard++)
        {
            yield return (Series("rs_many", ("shard", shard.ToString(CultureInfo.InvariantCulture))),
                [.. Enumerable.Range(0, 5).Select(i => (StartMs + (i * 60_000L) + (shard % 1000), (double)(shard * 10) + i))]);
        }
    }

    private static Label[] Series(string metric, params (string Name, string Value)[] labels) => StoreFixture.Series(metric, labels);
}
