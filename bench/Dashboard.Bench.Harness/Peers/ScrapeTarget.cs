using System.Globalization;
using System.Net;
using Dashboard.Bench.Harness.StorageData;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>
/// Scrape targets on 127.0.0.1, one port each, serving text exposition (0.0.4) of synthetic series whose values move
/// on every scrape: each scrape takes the next round of the target's <see cref="StorageBenchData"/>. No timestamps:
/// the scraper stamps samples itself, as with any ordinary target.
/// </summary>
internal sealed class ScrapeTarget : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<int, ScrapeExposition> _byPort = [];
    private readonly Task _serving;
    private long _scrapes;

    public ScrapeTarget(IReadOnlyList<StorageBenchData> targets)
    {
        foreach (var data in targets)
        {
            var port = LoopbackPort.Free();
            _byPort.Add(port, new ScrapeExposition(data.CreateSeries()));
            _listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        }

        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public IEnumerable<int> Ports => _byPort.Keys;

    public long Scrapes => Interlocked.Read(ref _scrapes);

    public void Dispose()
    {
        _listener.Close();
        // The accept loop ends on the closed listener; wait briefly so its last response is not cut mid-write.
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

            _ = Task.Run(() => Respond(context));
        }
    }

    private void Respond(HttpListenerContext context)
    {
        using var response = context.Response;
        try
        {
            if (!_byPort.TryGetValue(context.Request.LocalEndPoint.Port, out var exposition))
            {
                response.StatusCode = 404;
                return;
            }

            response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            // One scrape of a target at a time, so its series advance exactly one round per scrape.
            lock (exposition)
            {
                var body = exposition.NextRound();
                response.ContentLength64 = body.Length;
                response.OutputStream.Write(body.Span);
            }

            Interlocked.Increment(ref _scrapes);
        }
        catch (HttpListenerException)
        {
            // The scraper gave up (timeout) or the listener closed; the next scrape starts afresh.
        }
    }
}
