using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Core.RemoteWrite;
using Dashboard.Core.RemoteWrite.Protocol;
using Dashboard.Core.Storage.Index;
using Dashboard.Tests;
using Snappier;

namespace Dashboard.Host.Tests.RemoteWrite;

/// <summary><c>POST /api/v1/write</c>: what it stores, and how it refuses what it cannot.</summary>
public sealed class RemoteWriteReceiverTests
{
    private const string Key = "writer-secret-1";
    private static readonly long T0 = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();

    [Fact]
    public async Task A_write_with_the_key_is_stored_and_visible_to_queries_and_the_export()
    {
        await using var host = new ReceiverHost(Key);
        await host.WaitReadyAsync();

        using var response = await PostAsync(host, Body(Series("rw_good", [("job", "a")], [(T0, 1.5), (T0 + 1000, -2)])), Key);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var stored = Assert.Single(host.Store.Select([LabelMatcher.Equal("__name__", "rw_good")], long.MinValue, long.MaxValue));
        Assert.Equal([("__name__", "rw_good"), ("job", "a")], stored.Labels.Select(l => (l.Name, l.Value)));
        var cursor = stored.Samples();
        var samples = new List<(long, double)>();
        while (cursor.MoveNext())
        {
            samples.Add((cursor.Timestamp, cursor.Value));
        }

        Assert.Equal([(T0, 1.5), (T0 + 1000, -2.0)], samples);
        var csv = await host.Client.GetStringAsync($"/api/v1/export?match[]=rw_good&start={(T0 / 1000) - 1}&format=csv");
        Assert.Contains("-2", csv, StringComparison.Ordinal);
        Assert.Contains("1.5", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_key_may_not_write()
    {
        const string viewerKey = "viewer-key-for-the-receiver";
        await using var host = new ReceiverHost(Key, settings: new Dictionary<string, string>
        {
            ["Dashboard:Auth:ApiKeys:0:Name"] = "grafana",
            ["Dashboard:Auth:ApiKeys:0:Role"] = "Viewer",
            ["Dashboard:Auth:ApiKeys:0:Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(viewerKey))),
        });

        using var response = await PostAsync(host, Body(Series("rw_x", [], [(T0, 1)])), viewerKey);

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("needs the writer role; apikey:grafana has viewer", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("writer-secret-")]
    [InlineData("writer-secret-12")]
    public async Task A_missing_or_wrong_key_is_401(string? key)
    {
        await using var host = new ReceiverHost(Key);

        using var response = await PostAsync(host, Body(Series("rw_x", [], [(T0, 1)])), key);

        await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Empty(host.Store.Select([LabelMatcher.Equal("__name__", "rw_x")], long.MinValue, long.MaxValue));
    }

    [Fact]
    public async Task Bad_bodies_are_refused_naming_the_cause_and_the_host_keeps_serving()
    {
        await using var host = new ReceiverHost(Key, maxRequestBytes: 4096);
        await host.WaitReadyAsync();

        using (var response = await PostAsync(host, [0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x02], Key))
        {
            Assert.Contains("snappy", await ProblemAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        }

        using (var response = await PostAsync(host, Snappy.CompressToArray("not a protobuf message at all"u8), Key))
        {
            Assert.Contains("protobuf", await ProblemAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        }

        using (var response = await PostAsync(host, new byte[10_000], Key))
        {
            Assert.Contains("MaxRequestBytes", await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge), StringComparison.Ordinal);
        }

        using (var response = await PostAsync(host, Body(Series("rw_x", [], [(T0, 1)])), Key, contentType: "application/json"))
        {
            Assert.Contains("application/x-protobuf", await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType), StringComparison.Ordinal);
        }

        using (var response = await PostAsync(host, Body(Series("1bad", [], [(T0, 1)])), Key))
        {
            Assert.Contains("metric name '1bad'", await ProblemAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        }

        using (var response = await PostAsync(host, Body(Series("rw_y", [("bad-name", "v")], [(T0, 1)])), Key))
        {
            Assert.Contains("label name 'bad-name'", await ProblemAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        }

        using (var response = await PostAsync(host, Body(Series("rw_ok", [], [(T0, 1)])), Key))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.True((await host.Client.GetAsync("/readyz")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Out_of_order_and_conflicting_samples_are_refused_with_400_and_the_rest_are_kept()
    {
        await using var host = new ReceiverHost(Key);
        await host.WaitReadyAsync();
        using (var first = await PostAsync(host, Body(Series("rw_order", [], [(T0 + 5000, 5)])), Key))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        }

        var body = Body(
            Series("rw_order", [], [(T0 + 1000, 1), (T0 + 5000, 5), (T0 + 5000, 6), (T0 + 6000, 7)]),
            Series("rw_other", [], [(T0, 1)]));
        using var response = await PostAsync(host, body, Key);

        var detail = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("2 of 5 samples refused", detail, StringComparison.Ordinal);
        Assert.Contains("out of order: 1", detail, StringComparison.Ordinal);
        Assert.Contains("another value for a stored timestamp: 1", detail, StringComparison.Ordinal);
        Assert.Contains("rw_order", detail, StringComparison.Ordinal);
        var order = Assert.Single(host.Store.Select([LabelMatcher.Equal("__name__", "rw_order")], long.MinValue, long.MaxValue));
        Assert.Equal(2, order.MaxSampleCount);
        Assert.Single(host.Store.Select([LabelMatcher.Equal("__name__", "rw_other")], long.MinValue, long.MaxValue));
    }

    internal static TimeSeries Series(string metric, (string Name, string Value)[] labels, (long Timestamp, double Value)[] samples)
    {
        var series = new TimeSeries();
        series.Labels.Add(new Label { Name = "__name__", Value = metric });
        series.Labels.AddRange(labels.Select(l => new Label { Name = l.Name, Value = l.Value }));
        series.Samples.AddRange(samples.Select(s => new Sample { Timestamp = s.Timestamp, Value = s.Value }));
        return series;
    }

    internal static byte[] Body(params TimeSeries[] series)
    {
        var request = new WriteRequest();
        request.Timeseries.AddRange(series);
        return RemoteWriteProtocol.Encode(request);
    }

    private static async Task<HttpResponseMessage> PostAsync(ReceiverHost host, byte[] body, string? key, string contentType = RemoteWriteProtocol.ContentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/write") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Content.Headers.ContentEncoding.Add("snappy");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await host.Anonymous.SendAsync(request);
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
    }
}
