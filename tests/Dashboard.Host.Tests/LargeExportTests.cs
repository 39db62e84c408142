using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Dashboard.Host.Tests;

/// <summary>
/// 300,000 samples exported per format: the first bytes arrive (with the format's magic) while the rest is still being
/// written, the server's heap stays bounded while the client pauses mid-download, the file holds every sample in
/// several blocks, and a client that hangs up mid-download leaves the host serving.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class LargeExportTests(LargeExportHost host, ITestOutputHelper output) : IClassFixture<LargeExportHost>
{
    // Well under the decoded result (about 60 MB as Arrow or CSV), well over one block's buffers.
    private const long HeapGrowthBound = 32L * 1024 * 1024;

    [Theory]
    [InlineData("arrow")]
    [InlineData("parquet")]
    [InlineData("csv")]
    public async Task A_large_export_streams_in_bounded_memory_and_holds_every_sample(string format)
    {
        // First exports size the libraries' buffer pools for the process (Parquet.Net keeps about 40 MB); two, since
        // the shared array pool caches per thread and a busy test run spreads an export over more threads. What must
        // stay bounded is what an export holds beyond that, whatever its size.
        for (var warmUps = 0; warmUps < 2; warmUps++)
        {
            using var warmUp = await host.Client.GetAsync($"/api/v1/export?{LargeExportHost.WarmUpQuery}&format={format}");
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        using var response = await host.Client.GetAsync($"/api/v1/export?{LargeExportHost.Query}&format={format}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        await using var body = await response.Content.ReadAsStreamAsync();
        var first = new byte[64 * 1024];
        var firstLength = await body.ReadAtLeastAsync(first, 4);
        var firstBytesAfter = clock.Elapsed;
        AssertMagic(format, first.AsSpan(0, firstLength));

        // The client pauses: a server that decoded the whole result before sending would hold it now.
        await Task.Delay(500);
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;

        var path = host.ScratchFile();
        await using (var file = File.Create(path))
        {
            await file.WriteAsync(first.AsMemory(0, firstLength));
            await body.CopyToAsync(file);
        }

        var completeAfter = clock.Elapsed;
        var size = new FileInfo(path).Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{format}: {size:N0} bytes, first {firstLength:N0} bytes after {firstBytesAfter.TotalMilliseconds:F0} ms, complete after {completeAfter.TotalMilliseconds:F0} ms, heap growth while paused {heapGrowth / 1024.0 / 1024:F1} MiB"));
        Assert.True(heapGrowth < HeapGrowthBound, $"the heap grew by {heapGrowth:N0} bytes while the download was paused");
        Assert.True(size > 4L * firstLength, $"the first read ({firstLength} bytes) should be a small part of the file ({size} bytes)");

        var (rows, sum, blocks) = format == "csv" ? await ReadCsvAsync(path) : await ReadWithNodeAsync(format, path);
        Assert.Equal(LargeExportHost.Rows, rows);
        Assert.True(Math.Abs(sum - LargeExportHost.Sum) <= 1e-9 * Math.Abs(LargeExportHost.Sum), $"sum {sum} != {LargeExportHost.Sum}");
        if (blocks is { } count)
        {
            Assert.Equal((LargeExportHost.Rows + 65_535) / 65_536, count);
        }
    }

    [Fact]
    public async Task The_host_keeps_serving_after_a_client_hangs_up_mid_download()
    {
        using (var response = await host.Client.GetAsync($"/api/v1/export?{LargeExportHost.Query}&format=arrow", HttpCompletionOption.ResponseHeadersRead))
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            Assert.True(await body.ReadAtLeastAsync(new byte[64 * 1024], 64 * 1024, throwOnEndOfStream: false) > 0);
        }

        // Disposing the unread response closed the connection; the next requests get whole answers.
        var health = await host.Client.GetAsync("/healthz");
        var csv = await host.Client.GetStringAsync($"/api/v1/export?match[]=export_large%7Bcpu%3D%227%22%7D&start=1714564800&end=1714684800&format=csv");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(1 + LargeExportHost.SamplesPerSeries, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static void AssertMagic(string format, ReadOnlySpan<byte> first)
    {
        switch (format)
        {
            case "arrow":
                // An IPC stream opens with a message: the continuation marker, then the schema's length.
                Assert.Equal(-1, BinaryPrimitives.ReadInt32LittleEndian(first));
                break;
            case "parquet":
                Assert.Equal("PAR1", Encoding.ASCII.GetString(first[..4]));
                break;
            default:
                Assert.StartsWith("timestamp,value,series,", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
                break;
        }
    }

    private static async Task<(int Rows, double Sum, int? Blocks)> ReadWithNodeAsync(string format, string path)
    {
        var read = await NodeReader.ReadAsync($"read-{format}.mjs", path);
        return (read.GetProperty("rows").GetInt32(), read.GetProperty("sum").GetDouble(), read.GetProperty("batches").GetInt32());
    }

    private static async Task<(int Rows, double Sum, int? Blocks)> ReadCsvAsync(string path)
    {
        var rows = 0;
        var sum = 0.0;
        using var reader = new StreamReader(path);
        Assert.Equal("timestamp,value,series,__name__,cpu,instance,job,mode", await reader.ReadLineAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            // Timestamp and value never need quotes; the series name, which does, comes after them.
            sum += double.Parse(line.Split(',', 3)[1], CultureInfo.InvariantCulture);
            rows++;
        }

        return (rows, sum, null);
    }
}
