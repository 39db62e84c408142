using System.Globalization;
using System.Net;
using System.Text;
using Dashboard.Tests;

namespace Dashboard.Host.Tests.RemoteWrite;

/// <summary>
/// A scrape target on 127.0.0.1 serving text exposition: <c>rw_target_gauge{idx}</c> and <c>rw_target_total{idx}</c>
/// series whose values move on every scrape, fractional and negative ones included.
/// </summary>
internal sealed class ExpositionTarget : IDisposable
{
    private readonly LoopbackListener _listener;
    private readonly int _series;
    private int _scrapes;

    public ExpositionTarget(int series)
    {
        _series = series;
        _listener = new LoopbackListener(RespondAsync);
    }

    public int Port => _listener.Port;

    public int Scrapes => Volatile.Read(ref _scrapes);

    public void Dispose() => _listener.Dispose();

    private async Task RespondAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        var scrape = Interlocked.Increment(ref _scrapes);
        var text = new StringBuilder();
        text.Append("# TYPE rw_target_gauge gauge\n");
        for (var i = 0; i < _series; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"rw_target_gauge{{idx=\"{i}\"}} {((scrape * 7) + i) * -0.37:R}\n");
        }

        text.Append("# TYPE rw_target_total counter\n");
        for (var i = 0; i < _series; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"rw_target_total{{idx=\"{i}\"}} {scrape * (i + 1)}\n");
        }

        var body = Encoding.UTF8.GetBytes(text.ToString());
        response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        response.ContentLength64 = body.Length;
        try
        {
            await response.OutputStream.WriteAsync(body);
        }
        catch (HttpListenerException)
        {
            // The scraper gave up on this scrape; the next one starts afresh.
        }
    }
}
