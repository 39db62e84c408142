using System.Net.Http.Headers;
using Dashboard.Bench.Harness.RemoteWrite;
using Google.Protobuf;
using Snappier;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>Posts remote_write 0.1.0 requests: a protobuf <see cref="WriteRequest"/>, snappy block-compressed.</summary>
internal sealed class RemoteWriteClient : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Uri _endpoint;

    public RemoteWriteClient(Uri baseAddress) => _endpoint = new Uri(baseAddress, "api/v1/write");

    /// <exception cref="InvalidOperationException">The receiver refused the request; nothing is retried, so a refusal
    /// (an out-of-order sample, say) cannot go unnoticed in a result.</exception>
    public async Task SendAsync(WriteRequest request, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Snappy.CompressToArray(request.ToByteArray()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
        message.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        using var response = await _http.SendAsync(message, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"remote_write answered {(int)response.StatusCode}: {body.Trim()}");
        }
    }

    public void Dispose() => _http.Dispose();
}
