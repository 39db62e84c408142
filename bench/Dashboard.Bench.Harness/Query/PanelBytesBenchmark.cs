using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Bench.Harness.StorageData;
using Dashboard.Core.Query.Decimation;
using Dashboard.Core.Query.Json;
using Dashboard.Tests;

namespace Dashboard.Bench.Harness.Query;

/// <summary>
/// P5's second half: the JSON bytes of one chart panel, for each <see cref="PanelShape"/>. The shapes are backfilled
/// into Prometheus 2.42 with promtool and asked for with <c>query_range</c> at step = range ÷ <c>--width</c>; ours is
/// each series M4-decimated to <c>--width</c> pixel columns, written both in Prometheus's matrix JSON
/// (<see cref="PrometheusMatrixWriter"/>) and in the chart wire format (<see cref="ChartSeriesWriter"/>), with exact
/// timestamps and with pixel times. Every body
/// is measured raw and gzip-compressed (Prometheus's own gzip when the request accepts it; ours with .NET's GZip at
/// its default level). Prometheus's own points are also written in the chart format, to tell what the format saves
/// per point from what M4's extra points cost. With <c>--keep</c> the three bodies of each shape stay in the work folder.
/// </summary>
internal static class PanelBytesBenchmark
{
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
        var shapes = PanelShape.Make(points, startMs, intervalMs, seed);

        var text = work.Combine("series.om");
        var blocks = work.Combine("data");
        ResultLine.Note($"writing {shapes.Sum(s => s.Timestamps.Length)} samples of {shapes.Count} series as OpenMetrics and backfilling them with promtool");
        OpenMetricsWriter.Write(shapes.SelectMany(Samples), text);
        await PromtoolBlocks.CreateAsync(text, blocks, "54h", timeout, CancellationToken.None);
        File.Delete(text);

        var config = PrometheusConfig.WriteEmpty(work.Combine("prometheus.yml"));
        await using var prometheus = PrometheusServer.Start(blocks, config, LoopbackListener.FreePort(), remoteWriteReceiver: false);
        await prometheus.WaitReadyAsync(timeout, CancellationToken.None);
        var grid = new PixelGrid(startMs, endMs, width);
        var stepMs = (endMs - startMs) / (double)width;
        var table = new MarkdownTable("shape", "points (ours / Prometheus)", "Prometheus bytes (gzip)", "ours, matrix JSON (gzip)",
            "ours, chart format (gzip)", "**chart / Prometheus**, raw (gzip)", "ours, chart, pixel times (gzip)", "**pixel / Prometheus**, raw (gzip)",
            "Prometheus's points in chart format");
        foreach (var shape in shapes)
        {
            var query = new Uri(prometheus.BaseAddress, string.Create(CultureInfo.InvariantCulture,
                $"api/v1/query_range?query={Metric(shape)}&start={startMs / 1000.0:0.000}&end={endMs / 1000.0:0.000}&step={stepMs / 1000.0:0.######}"));
            var theirs = await QueryAsync(query, compressed: false);
            var theirGzip = (await QueryAsync(query, compressed: true)).Length;
            var (theirTimes, theirValues) = ParseMatrix(theirs);

            var keptTimes = new long[grid.MaxPoints];
            var keptValues = new double[grid.MaxPoints];
            var kept = M4Decimator.Decimate(shape.Timestamps, shape.Values, grid, keptTimes, keptValues);
            Label[] labels = [new(BenchSeries.MetricNameLabel, Metric(shape))];
            var matrix = Matrix(labels, keptTimes.AsSpan(0, kept), keptValues.AsSpan(0, kept));
            var chart = Chart(null, labels, keptTimes.AsSpan(0, kept), keptValues.AsSpan(0, kept));
            var pixel = Chart(grid, labels, keptTimes.AsSpan(0, kept), keptValues.AsSpan(0, kept));
            var theirPointsAsChart = Chart(null, labels, theirTimes, theirValues);
            var (matrixGzip, chartGzip, pixelGzip) = (Gzip(matrix), Gzip(chart), Gzip(pixel));
            if (work.Keep)
            {
                await File.WriteAllBytesAsync(work.Combine($"{shape.Name}.prometheus.json"), theirs);
                await File.WriteAllBytesAsync(work.Combine($"{shape.Name}.matrix.json"), matrix);
                await File.WriteAllBytesAsync(work.Combine($"{shape.Name}.chart.json"), chart);
                await File.WriteAllBytesAsync(work.Combine($"{shape.Name}.pixel.json"), pixel);
            }

            ResultLine.Write("prometheus_p5_points", shape.Name, theirTimes.Length, "points");
            ResultLine.Write("prometheus_p5_json_bytes", shape.Name, theirs.Length, "bytes");
            ResultLine.Write("prometheus_p5_json_gzip_bytes", shape.Name, theirGzip, "bytes");
            ResultLine.Write("ours_p5_points", shape.Name, kept, "points");
            ResultLine.Write("ours_p5_matrix_json_bytes", shape.Name, matrix.Length, "bytes");
            ResultLine.Write("ours_p5_matrix_json_gzip_bytes", shape.Name, matrixGzip, "bytes");
            ResultLine.Write("ours_p5_chart_json_bytes", shape.Name, chart.Length, "bytes");
            ResultLine.Write("ours_p5_chart_json_gzip_bytes", shape.Name, chartGzip, "bytes");
            ResultLine.Write("ours_p5_chart_pixel_json_bytes", shape.Name, pixel.Length, "bytes");
            ResultLine.Write("ours_p5_chart_pixel_json_gzip_bytes", shape.Name, pixelGzip, "bytes");
            ResultLine.Write("prometheus_points_in_chart_format_bytes", shape.Name, theirPointsAsChart.Length, "bytes");
            ResultLine.Write("ours_vs_prometheus_p5_matrix_json_bytes", shape.Name, matrix.Length / (double)theirs.Length, "ratio");
            ResultLine.Write("ours_vs_prometheus_p5_chart_json_bytes", shape.Name, chart.Length / (double)theirs.Length, "ratio");
            ResultLine.Write("ours_vs_prometheus_p5_chart_json_gzip_bytes", shape.Name, chartGzip / (double)theirGzip, "ratio");
            ResultLine.Write("ours_vs_prometheus_p5_chart_pixel_json_bytes", shape.Name, pixel.Length / (double)theirs.Length, "ratio");
            ResultLine.Write("ours_vs_prometheus_p5_chart_pixel_json_gzip_bytes", shape.Name, pixelGzip / (double)theirGzip, "ratio");
            table.Row(
                $"`{shape.Name}` ({shape.Description})",
                string.Create(CultureInfo.InvariantCulture, $"{kept:N0} / {theirTimes.Length:N0}"),
                string.Create(CultureInfo.InvariantCulture, $"{theirs.Length:N0} ({theirGzip:N0})"),
                string.Create(CultureInfo.InvariantCulture, $"{matrix.Length:N0} ({matrixGzip:N0})"),
                string.Create(CultureInfo.InvariantCulture, $"{chart.Length:N0} ({chartGzip:N0})"),
                string.Create(CultureInfo.InvariantCulture, $"**{chart.Length / (double)theirs.Length:0.00}** ({chartGzip / (double)theirGzip:0.00})"),
                string.Create(CultureInfo.InvariantCulture, $"{pixel.Length:N0} ({pixelGzip:N0})"),
                string.Create(CultureInfo.InvariantCulture, $"**{pixel.Length / (double)theirs.Length:0.00}** ({pixelGzip / (double)theirGzip:0.00})"),
                string.Create(CultureInfo.InvariantCulture, $"{theirPointsAsChart.Length:N0} ({theirPointsAsChart.Length / (double)theirs.Length:0.00})"));
        }

        table.WriteTo(Console.Error);
    }

    private static string Metric(PanelShape shape) => "p5_" + shape.Name;

    private static IEnumerable<BenchSample> Samples(PanelShape shape)
    {
        var series = new BenchSeries([new BenchLabel(BenchSeries.MetricNameLabel, Metric(shape))]);
        for (var i = 0; i < shape.Timestamps.Length; i++)
        {
            yield return new BenchSample(series, shape.Timestamps[i], shape.Values[i]);
        }
    }

    private static byte[] Matrix(Label[] labels, ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        var output = new ArrayBufferWriter<byte>();
        using var writer = new PrometheusMatrixWriter(output);
        writer.WriteSeries(labels, timestamps, values);
        writer.Complete();
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Chart(PixelGrid? pixelTimes, Label[] labels, ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        var output = new ArrayBufferWriter<byte>();
        using var writer = pixelTimes is { } grid ? new ChartSeriesWriter(output, grid) : new ChartSeriesWriter(output);
        writer.WriteSeries(labels, timestamps, values);
        writer.Complete();
        return output.WrittenSpan.ToArray();
    }

    private static async Task<byte[]> QueryAsync(Uri query, bool compressed)
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

        return body;
    }

    // A matrix with at most one series, back to its points (values are decimal strings, so exact).
    private static (long[] Timestamps, double[] Values) ParseMatrix(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        if (result.GetArrayLength() == 0)
        {
            return ([], []);
        }

        var points = result[0].GetProperty("values").EnumerateArray().ToArray();
        var timestamps = points.Select(p => (long)Math.Round(p[0].GetDouble() * 1000)).ToArray();
        var values = points.Select(p => double.Parse(p[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        return (timestamps, values);
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
