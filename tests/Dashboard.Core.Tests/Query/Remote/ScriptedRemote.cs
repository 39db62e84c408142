using System.Net;
using System.Text;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.Query.Remote;

/// <summary>
/// An HTTP server on 127.0.0.1 answering every request with one fixed status and body, for the answers a real
/// Prometheus will not give on demand (a proxy's 500, garbage, a wrong result type) or none at all (a hang, until
/// disposed). It keeps each request's headers and form body.
/// </summary>
internal sealed class ScriptedRemote : IDisposable
{
    private readonly LoopbackListener _listener;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Path, WebHeaderCollection Headers, string Body)> _requests = [];

    /// <summary>Answers <paramref name="status"/> with <paramref name="body"/>; a null body never answers (until disposed).</summary>
    public ScriptedRemote(int status, string? body, string contentType = "application/json")
    {
        _listener = new LoopbackListener(async context =>
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var form = await reader.ReadToEndAsync();
            lock (_requests)
            {
                _requests.Add((context.Request.Url!.AbsolutePath, (WebHeaderCollection)context.Request.Headers, form));
            }

            using var response = context.Response;
            if (body is null)
            {
                await Task.WhenAny(_released.Task, Task.Delay(TimeSpan.FromSeconds(30)));
                return;
            }

            response.StatusCode = status;
            response.ContentType = contentType;
            var bytes = Encoding.UTF8.GetBytes(body);
            await response.OutputStream.WriteAsync(bytes);
        });
        BaseAddress = new Uri($"http://127.0.0.1:{_listener.Port}/");
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<(string Path, WebHeaderCollection Headers, string Body)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Dispose()
    {
        _released.TrySetResult();
        _listener.Dispose();
    }
}
