using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using Dashboard.Core.RemoteWrite;
using Dashboard.Host.Tests.RemoteWrite;
using Dashboard.Tests;

namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>
/// A real Prometheus 2.42 (remote_write receiver on) and our host, both loaded with <see cref="GoldenDataSet"/> through
/// remote_write over HTTP (ours through <c>/api/v1/write</c> with a writer key), shared by every test of the
/// <see cref="Collection"/> collection. The data set starts <see cref="StartMs"/>, a whole minute about an hour ago;
/// <see cref="SendAsync"/> sends one request to either side, so a golden test asks both the same and compares.
/// </summary>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes a fixture through IAsyncLifetime.DisposeAsync")]
public sealed class GoldenFixture : IAsyncLifetime
{
    /// <summary>The collection whose tests share one fixture.</summary>
    public const string Collection = "Prometheus golden data";

    private const string WriterKey = "golden-writer-key";
    private static readonly HttpClient PrometheusHttp = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly TempFolder _folder = new();
    private ReceiverHost? _host;
    private PrometheusProcess? _prometheus;

    /// <summary>The first sample's time (Unix ms): now − 65 min, floored to a minute.</summary>
    public long StartMs { get; } = (DateTimeOffset.UtcNow.AddMinutes(-65).ToUnixTimeMilliseconds() / 60_000) * 60_000;

    /// <summary>The last regular sample's time (Unix ms).</summary>
    public long EndMs => StartMs + ((GoldenDataSet.Steps - 1) * GoldenDataSet.StepMs);

    /// <summary>Our host, loaded.</summary>
    internal ReceiverHost Host => _host ?? throw new InvalidOperationException("fixture not started");

    /// <summary>Prometheus, loaded.</summary>
    internal PrometheusProcess Prometheus => _prometheus ?? throw new InvalidOperationException("fixture not started");

    /// <summary>Prometheus's log, for failure messages.</summary>
    public string PrometheusLog => _prometheus?.Log ?? "(not started)";

    public async Task InitializeAsync()
    {
        _host = new ReceiverHost(WriterKey);
        await _host.WaitReadyAsync();
        // No scrape configs: Prometheus holds only what we write (not even its own metrics).
        _prometheus = await PrometheusProcess.StartAsync(_folder.Combine("prometheus"), "global: {}\n", remoteWriteReceiver: true);

        var body = GoldenDataSet.WriteRequestBody(StartMs);
        using (var toPrometheus = Write(_prometheus.WriteUrl, body, key: null))
        using (var response = await PrometheusHttp.SendAsync(toPrometheus))
        {
            Assert.True(response.IsSuccessStatusCode, $"Prometheus refused the data set: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{_prometheus.Log}");
        }

        using (var toUs = Write(new Uri("/api/v1/write", UriKind.Relative), body, WriterKey))
        using (var response = await _host.Client.SendAsync(toUs))
        {
            Assert.True(response.IsSuccessStatusCode, $"our receiver refused the data set: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Sends a request to Prometheus or to our host and reads the answer.</summary>
    /// <param name="toPrometheus">Which side.</param>
    /// <param name="request">The request (method, path with query, optional form body).</param>
    /// <returns>The status and body.</returns>
    internal async Task<(int Status, string Body)> SendAsync(bool toPrometheus, ApiRequest request)
    {
        using var message = request.ToMessage(toPrometheus ? Prometheus.BaseAddress : Host.Client.BaseAddress!);
        using var response = await (toPrometheus ? PrometheusHttp : Host.Client).SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _folder.Dispose();
    }

    private static HttpRequestMessage Write(Uri url, byte[] body, string? key)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = RemoteWriteProtocol.Content(body) };
        if (key is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return message;
    }
}
