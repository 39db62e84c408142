using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Dashboard.Host.Tests;

/// <summary>
/// <c>GET /api/v1/export</c> over real HTTP: each format read back by an independent reader (apache-arrow and hyparquet
/// under node, CSV here), bad parameters, an empty range and the defaults.
/// </summary>
public sealed class ExportTests(SmallExportHost host) : IClassFixture<SmallExportHost>
{
    private static readonly string[] Columns = ["timestamp", "value", "series", "__name__", "host", "job", "label:value"];

    [Theory]
    [InlineData("arrow", "read-arrow.mjs", "application/vnd.apache.arrow.stream", "arrows")]
    [InlineData("parquet", "read-parquet.mjs", "application/vnd.apache.parquet", "parquet")]
    public async Task An_export_reads_back_with_an_independent_reader(string format, string script, string contentType, string extension)
    {
        var (response, path) = await host.DownloadAsync($"/api/v1/export?{SmallExportHost.Query}&format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"dashboard-export-20240501T130000Z.{extension}", response.Content.Headers.ContentDisposition.FileName);
        var read = await NodeReader.ReadAsync(script, path);
        Assert.Equal(Columns, read.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        AssertMatchesStored(read);
    }

    [Fact]
    public async Task Arrow_columns_are_typed_as_documented()
    {
        var (_, path) = await host.DownloadAsync($"/api/v1/export?{SmallExportHost.Query}&format=arrow");

        var types = (await NodeReader.ReadAsync("read-arrow.mjs", path)).GetProperty("types");

        Assert.Equal("Timestamp<MILLISECOND, UTC> not null", types.GetProperty("timestamp").GetString());
        Assert.Equal("Float64 not null", types.GetProperty("value").GetString());
        Assert.Equal("Utf8 not null", types.GetProperty("series").GetString());
        Assert.Equal("Utf8", types.GetProperty("host").GetString());
    }

    [Fact]
    public async Task Parquet_columns_are_typed_as_documented()
    {
        var (_, path) = await host.DownloadAsync($"/api/v1/export?{SmallExportHost.Query}&format=parquet");

        var read = await NodeReader.ReadAsync("read-parquet.mjs", path);

        var types = read.GetProperty("types");
        Assert.Equal("TIMESTAMP(MILLIS, utc=true) REQUIRED", types.GetProperty("timestamp").GetString());
        Assert.Equal("DOUBLE REQUIRED", types.GetProperty("value").GetString());
        Assert.Equal("STRING REQUIRED", types.GetProperty("series").GetString());
        Assert.Equal("STRING OPTIONAL", types.GetProperty("host").GetString());
        Assert.Equal(160, read.GetProperty("metadataRows").GetInt64());
    }

    [Fact]
    public async Task A_csv_export_is_rfc_4180_with_prometheus_spellings()
    {
        var (response, path) = await host.DownloadAsync($"/api/v1/export?{SmallExportHost.Query}&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("dashboard-export-20240501T130000Z.csv", response.Content.Headers.ContentDisposition!.FileName);
        var records = Rfc4180.Parse(await File.ReadAllTextAsync(path));
        Assert.Equal(Columns, records[0]);
        var expected = SmallExportHost.Selected.SelectMany(s => s.Samples.Select(p => new[]
        {
            DateTimeOffset.FromUnixTimeMilliseconds(p.Timestamp).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            double.IsNaN(p.Value) ? "NaN" : double.IsPositiveInfinity(p.Value) ? "+Inf" : double.IsNegativeInfinity(p.Value) ? "-Inf"
                : p.Value.ToString("R", CultureInfo.InvariantCulture),
            s.Name, s.Label("__name__"), s.Label("host") ?? string.Empty, s.Label("job"), s.Label("value") ?? string.Empty,
        })).ToList();
        Assert.Equal(expected.Count, records.Count - 1);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], records[i + 1]);
        }

        Assert.Contains("2024-05-01T12:02:30.000Z,NaN,", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.Contains("\"export_other{job=\"\"y\"\",value=\"\"quoted \\\"\"v\\\"\", ok\"\"}\"", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "match[]", "at least one series selector")]
    [InlineData("match[]=up%7B", "match[]", "1:4: parse error: unexpected end of input inside braces (in selector up{)")]
    [InlineData("match[]=%7Bjob%3D~%22.*%22%7D", "match[]", "vector selector must contain at least one non-empty matcher")]
    [InlineData("match[]=up&start=2024-05-01T13:00:00Z&end=2024-05-01T12:00:00Z", "end", "must not be before start")]
    [InlineData("match[]=up&format=xml", "format", "unknown format 'xml'")]
    [InlineData("match[]=up&start=yesterday", "start", "cannot parse 'yesterday'")]
    [InlineData("match[]=up&end=2024-05-01%2012:00", "end", "cannot parse")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string query, string parameter, string message)
    {
        var response = await host.Client.GetAsync($"/api/v1/export?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.StartsWith($"invalid parameter '{parameter}': ", detail, StringComparison.Ordinal);
        Assert.Contains(message, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arrow", "read-arrow.mjs")]
    [InlineData("parquet", "read-parquet.mjs")]
    public async Task A_range_without_data_is_a_valid_empty_file(string format, string script)
    {
        var (response, path) = await host.DownloadAsync($"/api/v1/export?match[]=export_test&start=946684800&end=946771200&format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await NodeReader.ReadAsync(script, path);
        Assert.Equal(0, read.GetProperty("rows").GetInt32());
        Assert.Equal(0, read.GetProperty("batches").GetInt32());
        Assert.Equal(["timestamp", "value", "series"], read.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task A_csv_range_without_data_is_the_header_alone()
    {
        var response = await host.Client.GetAsync("/api/v1/export?match[]=export_test&start=946684800&end=946771200&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("timestamp,value,series\r\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_range_or_format_everything_up_to_now_comes_as_arrow()
    {
        var (response, path) = await host.DownloadAsync("/api/v1/export?match[]=export_test");

        Assert.Equal("application/vnd.apache.arrow.stream", response.Content.Headers.ContentType!.MediaType);
        var read = await NodeReader.ReadAsync("read-arrow.mjs", path);
        Assert.Equal(100 + 1 + 50, read.GetProperty("rows").GetInt32());
        // The series with a sample after the range used above now has it too.
        Assert.Equal(101, read.GetProperty("perSeries").GetProperty(SmallExportHost.Selected[1].Name).GetInt32());
    }

    private static void AssertMatchesStored(JsonElement read)
    {
        var selected = SmallExportHost.Selected;
        var samples = selected.SelectMany(s => s.Samples).Select(p => p.Value).ToArray();
        Assert.Equal(samples.Length, read.GetProperty("rows").GetInt32());
        Assert.Equal(samples.Where(double.IsFinite).Sum(), read.GetProperty("sum").GetDouble(), 9);
        var special = read.GetProperty("special");
        Assert.Equal((1, 1, 1), (special.GetProperty("NaN").GetInt32(), special.GetProperty("+Inf").GetInt32(), special.GetProperty("-Inf").GetInt32()));
        Assert.True(read.GetProperty("ordered").GetBoolean(), "rows of a series are in time order");
        Assert.Equal(
            selected.ToDictionary(s => s.Name, s => s.Samples.Length),
            read.GetProperty("perSeries").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));

        var nulls = read.GetProperty("nulls");
        Assert.Equal(selected[0].Samples.Length + selected[2].Samples.Length, nulls.GetProperty("host").GetInt32());
        Assert.Equal(selected[1].Samples.Length + selected[2].Samples.Length, nulls.GetProperty("label:value").GetInt32());
        Assert.Equal(0, nulls.GetProperty("series").GetInt32() + nulls.GetProperty("job").GetInt32() + nulls.GetProperty("__name__").GetInt32());

        AssertRow(read.GetProperty("first"), selected[0], 0);
        AssertRow(read.GetProperty("last"), selected[2], selected[2].Samples.Length - 1);
    }

    private static void AssertRow(JsonElement row, ExportedSeries series, int index)
    {
        var (timestamp, value) = series.Samples[index];
        Assert.Equal(timestamp, row.GetProperty("timestamp").GetInt64());
        Assert.Equal(value, row.GetProperty("value").GetDouble());
        Assert.Equal(series.Name, row.GetProperty("series").GetString());
        Assert.Equal(series.Label("__name__"), row.GetProperty("__name__").GetString());
        Assert.Equal(series.Label("host"), row.GetProperty("host").GetString());
        Assert.Equal(series.Label("job"), row.GetProperty("job").GetString());
        Assert.Equal(series.Label("value"), row.GetProperty("label:value").GetString());
    }
}
