using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.Host.Tests.RemoteWrite;

/// <summary>
/// A scrape target on 127.0.0.1 serving text exposition: <c>rw_target_gauge{idx}</c> and <c>rw_target_total{idx}</c>
/// series whose values move on every scrape, fractional and negative ones included.
/// </summary>
internal sealed class ExpositionTarget : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly int _series;
    private int _scrapes;

    public ExpositionTarget(int series)
    {
        _series = series;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public int Scrapes => Volatile.Read(ref _scrapes);

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

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
}
