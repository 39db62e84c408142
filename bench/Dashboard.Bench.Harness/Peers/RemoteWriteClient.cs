using Dashboard.Core.RemoteWrite;
using Dashboard.Core.RemoteWrite.Protocol;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>Posts remote_write 1.0 requests (Core's messages and encoding) and fails loudly on any refusal.</summary>
internal sealed class RemoteWriteClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    /// <param name="baseAddress">The receiver's root.</param>
    /// <param name="handler">The connection handler (one trusting a <see cref="LoopbackTls"/> certificate, say); the client disposes it.</param>
    /// <param name="bearerToken">Sent as <c>Authorization: Bearer</c>: our host's writer key.</param>
    public RemoteWriteClient(Uri baseAddress, HttpMessageHandler? handler = null, string? bearerToken = null)
    {
        _endpoint = new Uri(baseAddress, "api/v1/write");
        _http = new HttpClient(handler ?? new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(60) };
        if (bearerToken is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }
    }

    /// <exception cref="InvalidOperationException">The receiver refused the request; nothing is retried, so a refusal
    /// (an out-of-order sample, say) cannot go unnoticed in a result.</exception>
    public Task SendAsync(WriteRequest request, CancellationToken cancellationToken) =>
        SendAsync(RemoteWriteProtocol.Encode(request), cancellationToken);

    /// <summary>Posts a body already encoded by <see cref="RemoteWriteProtocol.Encode"/> (one encoding, several receivers).</summary>
    /// <exception cref="InvalidOperationException">The receiver refused the request.</exception>
    public async Task SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = RemoteWriteProtocol.Content(body);
        using var response = await _http.PostAsync(_endpoint, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"{_endpoint} answered {(int)response.StatusCode}: {answer.Trim()}");
        }
    }

    public void Dispose() => _http.Dispose();
}
