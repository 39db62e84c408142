using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using Dashboard.Abstractions;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Bench.Harness.StorageData;
using Dashboard.Core.Query.Decimation;
using Dashboard.Core.Query.Json;
using Dashboard.Tests;

namespace Dashboard.Bench.Harness.Query;

/// <summary>
/// P5's second half: the JSON bytes of one chart panel. The same series (<c>--points</c> random-walk samples,
/// <c>--interval-ms</c> apart) is backfilled into Prometheus 2.42 with promtool and asked for with
/// <c>query_range</c> at step = range ÷ <c>--width</c>; ours is the series M4-decimated to <c>--width</c> pixel
/// columns, written in the same matrix JSON by <see cref="PrometheusMatrixWriter"/>. Both are measured raw and
/// gzip-compressed (Prometheus's own gzip when the request accepts it; ours with .NET's GZip at its default level).
/// </summary>
internal static class PanelBytesBenchmark
{
    private const string Metric = "p5_walk";

    public static async Task RunAsync(HarnessArguments args)
    {
        var points = args.Int("points", 1_000_000);
        var width = args.Int("width", 1_000);
        var intervalMs = args.Long("interval-ms", 1_000, min: 1);
        var seed = args.Int("seed", 5);
        var timeout = TimeSpan.FromSeconds(args.Int("timeout-s", 900));
        MachineInfo.Print(Console.Error);
        using var work = new BenchWorkFolder(args, "p5-bytes");

        // Whole seconds, ending a minute ago: inside Prometheus's retention, and the query's bounds are exact.
        var endMs = ((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000) - 60) * 1000;
        var startMs = endMs - ((points - 1) * intervalMs);
        var (timestamps, values) = Walk(points, startMs, intervalMs, seed);

        var series = new BenchSeries([new BenchLabel(BenchSeries.MetricNameLabel, Metric)]);
        var text = work.Combine("series.om");
        var blocks = work.Combine("data");
        ResultLine.Note($"writing {points} samples as OpenMetrics and backfilling them with promtool");
        OpenMetricsWriter.Write(Enumerable.Range(0, points).Select(i => new BenchSample(series, timestamps[i], values[i])), text);
        await PromtoolBlocks.CreateAsync(text, blocks, "54h", timeout, CancellationToken.None);
        File.Delete(text);

        var config = PrometheusConfig.WriteEmpty(work.Combine("prometheus.yml"));
        await using var prometheus = PrometheusServer.Start(blocks, config, LoopbackListener.FreePort(), remoteWriteReceiver: false);
        await prometheus.WaitReadyAsync(timeout, CancellationToken.None);
        var stepMs = (endMs - startMs) / (double)width;
        var query = new Uri(prometheus.BaseAddress, string.Create(CultureInfo.InvariantCulture,
            $"api/v1/query_range?query={Metric}&start={startMs / 1000.0:0.000}&end={endMs / 1000.0:0.000}&step={stepMs / 1000.0:0.######}"));
        var (theirRaw, theirPoints) = await QueryAsync(query, compressed: false);
        var (theirGzip, _) = await QueryAsync(query, compressed: true);

        var ours = Ours(timestamps, values, new PixelGrid(startMs, endMs, width), out var ourPoints);
        var ourGzip = Gzip(ours);

        ResultLine.Write("prometheus_p5_points", "walk", theirPoints, "points");
        ResultLine.Write("prometheus_p5_json_bytes", "walk", theirRaw, "bytes");
        ResultLine.Write("prometheus_p5_json_gzip_bytes", "walk", theirGzip, "bytes");
        ResultLine.Write("ours_p5_points", "walk", ourPoints, "points");
        ResultLine.Write("ours_p5_json_bytes", "walk", ours.Length, "bytes");
        ResultLine.Write("ours_p5_json_gzip_bytes", "walk", ourGzip, "bytes");
        ResultLine.Write("ours_vs_prometheus_p5_json_bytes", "walk", ours.Length / (double)theirRaw, "ratio");
        ResultLine.Write("ours_vs_prometheus_p5_json_gzip_bytes", "walk", ourGzip / (double)theirGzip, "ratio");
    }

    private static (long[] Timestamps, double[] Values) Walk(int points, long startMs, long intervalMs, int seed)
    {
#pragma warning disable CA5394 // Benchmark data, not security: a seeded generator keeps runs comparable.
        var random = new Random(seed);
        var timestamps = new long[points];
        var values = new double[points];
        var value = 50.0;
        for (var i = 0; i < points; i++)
        {
            timestamps[i] = startMs + (i * intervalMs);
            value += random.NextDouble() - 0.5;
            values[i] = Math.Round(value, 3);
        }
#pragma warning restore CA5394

        return (timestamps, values);
    }

    private static byte[] Ours(long[] timestamps, double[] values, PixelGrid grid, out int points)
    {
        var keptTimes = new long[grid.MaxPoints];
        var keptValues = new double[grid.MaxPoints];
        points = M4Decimator.Decimate(timestamps, values, grid, keptTimes, keptValues);
        var output = new ArrayBufferWriter<byte>();
        using var writer = new PrometheusMatrixWriter(output);
        writer.WriteSeries([new Label(BenchSeries.MetricNameLabel, Metric)], keptTimes.AsSpan(0, points), keptValues.AsSpan(0, points));
        writer.Complete();
        return output.WrittenSpan.ToArray();
    }

    private static async Task<(long Bytes, int Points)> QueryAsync(Uri query, bool compressed)
    {
        // No automatic decompression: the body's length is what crossed the wire.
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { Timeout = TimeSpan.FromMinutes(2) };
        using var request = new HttpRequestMessage(HttpMethod.Get, query);
        if (compressed)
        {
            request.Headers.AcceptEncoding.ParseAdd("gzip");
        }

        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync();
        if (compressed != response.Content.Headers.ContentEncoding.Contains("gzip"))
        {
            throw new InvalidOperationException($"prometheus answered with Content-Encoding '{response.Content.Headers.ContentEncoding}' to a {(compressed ? "gzip" : "plain")} request.");
        }

        var points = compressed ? 0 : CountPoints(body);
        return (body.Length, points);
    }

    // A matrix with one series: every point is one "[" inside the values array.
    private static int CountPoints(byte[] body)
    {
        using var document = System.Text.Json.JsonDocument.Parse(body);
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? 0 : result[0].GetProperty("values").GetArrayLength();
    }

    private static long Gzip(byte[] json)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return compressed.Length;
    }
}
