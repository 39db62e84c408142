using System.Globalization;
using System.Net;

namespace Dashboard.Tests;

/// <summary>
/// An <see cref="HttpListener"/> on 127.0.0.1 handing every request to a handler until disposed: the plain HTTP
/// servers of tests and harnesses (scrape targets, scripted receivers) share this loop and only say how to answer.
/// </summary>
internal sealed class LoopbackListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    /// <summary>Listens on the given ports.</summary>
    /// <param name="ports">Free loopback ports (see <see cref="FreePort"/>).</param>
    /// <param name="handle">Answers one request; it owns the context's response.</param>
    /// <param name="concurrently">Whether requests are answered at once rather than one after the other.</param>
    public LoopbackListener(IReadOnlyCollection<int> ports, Func<HttpListenerContext, Task> handle, bool concurrently = false)
    {
        foreach (var port in ports)
        {
            _listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        }

        Port = ports.First();
        _listener.Start();
        _serving = Task.Run(() => ServeAsync(handle, concurrently));
    }

    /// <summary>Listens on one free port.</summary>
    /// <param name="handle">Answers one request; it owns the context's response.</param>
    public LoopbackListener(Func<HttpListenerContext, Task> handle)
        : this([FreePort()], handle)
    {
    }

    /// <summary>The (first) port listened on.</summary>
    public int Port { get; }

    /// <summary>A port the system had free a moment ago; another process could take it first, which fails loudly.</summary>
    public static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Close();

        // The accept loop ends on the closed listener; wait briefly so its last response is not cut mid-write.
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private static async Task AnswerAsync(Func<HttpListenerContext, Task> handle, HttpListenerContext context)
    {
        try
        {
            await handle(context);
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
            // The client went away mid-answer (a timeout test, a stopping sender): the next request starts afresh.
        }
    }

    private async Task ServeAsync(Func<HttpListenerContext, Task> handle, bool concurrently)
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

            if (concurrently)
            {
                _ = Task.Run(() => AnswerAsync(handle, context));
            }
            else
            {
                await AnswerAsync(handle, context);
            }
        }
    }
}
