using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dashboard.Host.Server;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Tests.Server;

/// <summary>Kestrel's limits on the real host: the header timeout against slowloris, the body limit, HTTP/2 streams, validation.</summary>
public sealed class LimitsTests
{
    private const string NoInstances = """{ "instances": [] }""";

    [Fact]
    public async Task A_slowloris_client_is_disconnected_by_the_request_headers_timeout()
    {
        await using var host = DashboardHost.Start(new Dictionary<string, string>(), NoInstances);
        var address = host.Bound("http");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));

        // One more header byte every 200 ms, never the end of the headers; at most a minute of it.
        var clock = Stopwatch.StartNew();
        var received = new StringBuilder();
        var reading = ReadUntilClosedAsync(stream, received);
        while (!reading.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                await stream.WriteAsync("a"u8.ToArray());
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(reading, Task.Delay(200));
        }

        var closed = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(5))) == reading;

        // The limit is 2 s; Kestrel checks it once a second. 30 s is only a bound for a busy machine.
        Assert.True(closed, $"the connection was still open after {clock.Elapsed.TotalSeconds:0} s of trickled headers");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"closed only after {clock.Elapsed.TotalSeconds:0} s");
        Assert.DoesNotContain("200 OK", received.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_above_the_limit_is_refused_with_413_naming_the_limit_and_its_key()
    {
        await using var host = DashboardHost.Start(new Dictionary<string, string> { [ServerLimitsOptions.MaxRequestBodyBytesKey] = "4096" }, NoInstances);
        var small = new FormUrlEncodedContent([new("query", "vector(1)")]);
        var large = new FormUrlEncodedContent([new("query", "vector(1)"), new("padding", new string('x', 10_000))]);
        // Without a Content-Length (chunked), so the limit is hit while reading, not up front.
        var streamed = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes("query=vector(1)&padding=" + new string('x', 10_000))));
        streamed.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var ok = await host.Client.PostAsync("/api/v1/query", small);
        using var refused = await host.Client.PostAsync("/api/v1/query", large);
        using var refusedStreaming = await host.Client.PostAsync("/api/v1/query", streamed);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        foreach (var response in (HttpResponseMessage[])[refused, refusedStreaming])
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(413, problem.GetProperty("status").GetInt32());
            Assert.Equal("The request body is larger than the limit of 4096 bytes (Dashboard:Server:Limits:MaxRequestBodyBytes).",
                problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Http2_settings_advertise_256_streams_per_connection_by_default_and_the_configured_number_otherwise()
    {
        await using var standard = DashboardHost.Start(new Dictionary<string, string> { ["Urls"] = "https://127.0.0.1:0" }, NoInstances);
        await using var configured = DashboardHost.Start(new Dictionary<string, string>
        {
            ["Urls"] = "https://127.0.0.1:0",
            [$"{ServerLimitsOptions.Section}:MaxStreamsPerConnection"] = "7",
        }, NoInstances);

        var standardSettings = await Http2Settings.ReadAsync(standard.Bound("https"));
        var configuredSettings = await Http2Settings.ReadAsync(configured.Bound("https"));

        Assert.Equal(256u, standardSettings[Http2Settings.MaxConcurrentStreams]);
        Assert.Equal(7u, configuredSettings[Http2Settings.MaxConcurrentStreams]);
    }

    [Fact]
    public async Task Limits_out_of_range_stop_the_host_at_start_naming_each_key()
    {
        var settings = new Dictionary<string, string>
        {
            [$"{ServerLimitsOptions.Section}:KeepAliveTimeout"] = "00:00:00",
            [$"{ServerLimitsOptions.Section}:MaxStreamsPerConnection"] = "0",
            [$"{RateLimitPolicyOptions.Section}:query:PermitLimit"] = "0",
        };

        var error = await Record.ExceptionAsync(async () => await DashboardHost.Start(settings, NoInstances).DisposeAsync());

        // Every invalid key at once, each by its full name.
        var messages = Assert.IsType<AggregateException>(error).InnerExceptions.Select(e => Assert.IsType<OptionsValidationException>(e).Message);
        var message = string.Join("\n", messages);
        Assert.Contains("Dashboard:Server:Limits:KeepAliveTimeout: ", message, StringComparison.Ordinal);
        Assert.Contains("Dashboard:Server:Limits:MaxStreamsPerConnection: ", message, StringComparison.Ordinal);
        Assert.Contains("Dashboard:Server:RateLimits:query:PermitLimit: ", message, StringComparison.Ordinal);
    }

    private static async Task ReadUntilClosedAsync(NetworkStream stream, StringBuilder received)
    {
        var buffer = new byte[1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // Reset rather than closed: closed all the same.
        }
    }
}
