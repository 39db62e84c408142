using System.Globalization;
using System.Net;
using Dashboard.Core.RemoteWrite;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.RemoteWrite;

/// <summary>
/// A remote_write receiver on 127.0.0.1 answering each request with the next status of a script (the last one
/// repeats), for the answers a real Prometheus will not give on demand (429, 500, 400). It decodes every body with
/// the real protocol and keeps what it received.
/// </summary>
internal sealed class ScriptedReceiver : IDisposable
{
    private readonly LoopbackListener _listener;
    private readonly (int Status, string? RetryAfter)[] _script;
    private readonly List<ReceivedRequest> _received = [];

    public ScriptedReceiver(params (int Status, string? RetryAfter)[] script)
    {
        _script = script;
        _listener = new LoopbackListener(RespondAsync);
        Url = new Uri($"http://127.0.0.1:{_listener.Port}/api/v1/write");
    }

    public Uri Url { get; }

    public IReadOnlyList<ReceivedRequest> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private async Task RespondAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var decoded = RemoteWriteProtocol.Decode(body.ToArray(), 64 << 20);
        int index;
        lock (_received)
        {
            index = _received.Count;
            _received.Add(new ReceivedRequest(
                decoded.Timeseries.Sum(t => t.Samples.Count),
                decoded.Timeseries.SelectMany(t => t.Samples.Select(s => (Series: string.Join(',', t.Labels.Select(l => $"{l.Name}={l.Value}")), s.Timestamp, s.Value))).ToList(),
                context.Request.Headers["Authorization"],
                context.Request.Headers["X-Tenant"],
                context.Request.Headers["Content-Encoding"],
                context.Request.Headers[RemoteWriteProtocol.VersionHeader]));
        }

        var (status, retryAfter) = _script[Math.Min(index, _script.Length - 1)];
        response.StatusCode = status;
        if (retryAfter is not null)
        {
            response.Headers["Retry-After"] = retryAfter;
        }

        if (status >= 300)
        {
            var text = System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"scripted {status}"));
            await response.OutputStream.WriteAsync(text);
        }
    }
}

/// <summary>One request the scripted receiver got.</summary>
internal sealed record ReceivedRequest(int Samples, List<(string Series, long Timestamp, double Value)> Points,
    string? Authorization, string? Tenant, string? ContentEncoding, string? Version);
