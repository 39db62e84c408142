using System.Net;
using Dashboard.Bench.Harness.StorageData;
using Dashboard.Tests;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>
/// Scrape targets on 127.0.0.1, one port each, serving text exposition (0.0.4) of synthetic series whose values move
/// on every scrape: each scrape takes the next round of the target's <see cref="StorageBenchData"/>. No timestamps:
/// the scraper stamps samples itself, as with any ordinary target.
/// </summary>
internal sealed class ScrapeTarget : IDisposable
{
    private readonly LoopbackListener _listener;
    private readonly Dictionary<int, ScrapeExposition> _byPort = [];
    private long _scrapes;

    public ScrapeTarget(IReadOnlyList<StorageBenchData> targets)
    {
        foreach (var data in targets)
        {
            _byPort.Add(LoopbackListener.FreePort(), new ScrapeExposition(data.CreateSeries()));
        }

        _listener = new LoopbackListener(_byPort.Keys, context =>
        {
            Respond(context);
            return Task.CompletedTask;
        }, concurrently: true);
    }

    public IEnumerable<int> Ports => _byPort.Keys;

    public long Scrapes => Interlocked.Read(ref _scrapes);

    public void Dispose() => _listener.Dispose();

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
