using Dashboard.Core.RemoteWrite;
using Dashboard.Core.RemoteWrite.Protocol;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>Posts remote_write 1.0 requests (Core's messages and encoding) and fails loudly on any refusal.</summary>
internal sealed class RemoteWriteClient : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Uri _endpoint;

    public RemoteWriteClient(Uri baseAddress) => _endpoint = new Uri(baseAddress, "api/v1/write");

    /// <exception cref="InvalidOperationException">The receiver refused the request; nothing is retried, so a refusal
    /// (an out-of-order sample, say) cannot go unnoticed in a result.</exception>
    public async Task SendAsync(WriteRequest request, CancellationToken cancellationToken)
    {
        using var content = RemoteWriteProtocol.Content(RemoteWriteProtocol.Encode(request));
        using var response = await _http.PostAsync(_endpoint, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"remote_write answered {(int)response.StatusCode}: {body.Trim()}");
        }
    }

    public void Dispose() => _http.Dispose();
}
