using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Plugins.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1, port picked by the OS, serving fixed expositions and misbehaving ones for the
/// PrometheusScrape tests; it remembers the request headers each path last received.
/// </summary>
internal sealed class ExpositionServer : IAsyncDisposable
{
    public const string TextBody = """
        # HELP http_requests_total Requests served.
        # TYPE http_requests_total counter
        http_requests_total{code="200",job="app"} 1027 1395066363000
        # TYPE temperature_celsius gauge
        temperature_celsius{instance="inner"} 21.5
        # TYPE rpc_duration_seconds histogram
        rpc_duration_seconds_bucket{le="0.1"} 33444
        rpc_duration_seconds_bucket{le="+Inf"} 144320
        rpc_duration_seconds_sum 53423
        rpc_duration_seconds_count 144320

        """;

    public const string OpenMetricsBody = """
        # TYPE jobs counter
        jobs_total{queue="a"} 42 1520879607.789 # {trace_id="abc"} 1 1520879607.5
        jobs_created{queue="a"} 1520430000.123
        # TYPE build info
        build_info{version="1.2"} 1
        # EOF

        """;

    public const string MalformedBody = "good 1\nbad{ 1\nworse 1 2 3\nalso_good 2\n";

    /// <summary>The bearer token <c>/auth</c> wants.</summary>
    public const string Token = "s3cret-token";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, IHeaderDictionary> _headers;
    private bool _disposed;

    private ExpositionServer(WebApplication app, ConcurrentDictionary<string, IHeaderDictionary> headers)
    {
        _app = app;
        _headers = headers;
        BaseAddress = new Uri(app.Urls.Single() + "/");
    }

    public Uri BaseAddress { get; }

    /// <summary>host:port, as the target's instance label reads.</summary>
    public string Instance => $"{BaseAddress.Host}:{BaseAddress.Port}";

    public static async Task<ExpositionServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var headers = new ConcurrentDictionary<string, IHeaderDictionary>();

        app.Use(async (context, next) =>
        {
            headers[context.Request.Path.Value!.TrimStart('/')] = new HeaderDictionary(
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
            await next(context);
        });
        app.MapGet("/text", () => Results.Text(TextBody, "text/plain; version=0.0.4; charset=utf-8"));
        app.MapGet("/openmetrics", () => Results.Text(OpenMetricsBody, "application/openmetrics-text; version=1.0.0; charset=utf-8"));
        app.MapGet("/malformed", () => Results.Text(MalformedBody, "text/plain; version=0.0.4"));
        app.MapGet("/gzip", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4";
            context.Response.Headers.ContentEncoding = "gzip";
            await using var gzip = new GZipStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(TextBody), context.RequestAborted);
        });
        app.MapGet("/error", () => Results.Text("down for maintenance", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/slow", async (HttpContext context) =>
        {
            await SlowResponse.WaitForClientToGiveUpAsync(context);
            return "too late 1";
        });
        app.MapGet("/many/{count:int}", (int count) =>
            Results.Text(string.Concat(Enumerable.Range(0, count).Select(i => $"series{{i=\"{i}\"}} {i}\n")), "text/plain; version=0.0.4"));

        // Streamed without a Content-Length, so only counting the bytes as they come can stop it.
        app.MapGet("/big", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4";
            var line = Encoding.UTF8.GetBytes("padding_metric{some_label=\"a value long enough to add up\"} 1\n");
            for (var i = 0; i < 20_000 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(line, context.RequestAborted);
            }
        });
        app.MapGet("/auth", (HttpContext context) =>
            context.Request.Headers.Authorization == $"Bearer {Token}"
                ? Results.Text("authorized 1\n", "text/plain; version=0.0.4")
                : Results.StatusCode(StatusCodes.Status401Unauthorized));
        app.MapGet("/basic", (HttpContext context) =>
            context.Request.Headers.Authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("scraper:pa:ss"))
                ? Results.Text("authorized 1\n", "text/plain; version=0.0.4")
                : Results.StatusCode(StatusCodes.Status401Unauthorized));

        await app.StartAsync(cancellationToken);
        return new ExpositionServer(app, headers);
    }

    /// <summary>The absolute URL of <paramref name="path"/>.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>The headers of the last request for <paramref name="path"/>.</summary>
    public IHeaderDictionary LastHeaders(string path) =>
        _headers.TryGetValue(path, out var headers) ? headers : throw new InvalidOperationException($"/{path} was never requested.");

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
