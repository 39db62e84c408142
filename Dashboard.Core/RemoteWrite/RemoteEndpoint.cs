using System.Net.Http.Headers;
using System.Text;

namespace Dashboard.Core.RemoteWrite;

/// <summary>
/// The HTTP side of one remote: posts encoded requests with the protocol's headers and the remote's credentials,
/// and sorts each answer into a <see cref="SendResult"/>. Credentials go into headers once, here, and nowhere else.
/// </summary>
internal sealed class RemoteEndpoint : IDisposable
{
    private const int MaxErrorChars = 256;

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly bool _retryOn429;

    public RemoteEndpoint(RemoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _url = options.Url ?? throw new ArgumentException("The remote has no URL.", nameof(options));
        _retryOn429 = options.RetryOnHttp429;
        _http = new HttpClient(new SocketsHttpHandler
        {
            // Picks up a DNS change of the remote within minutes, without a restart.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        })
        {
            Timeout = options.RemoteTimeout,
        };
        var headers = _http.DefaultRequestHeaders;
        headers.UserAgent.Add(new ProductInfoHeaderValue("Dashboard", typeof(RemoteEndpoint).Assembly.GetName().Version?.ToString(3) ?? "0"));
        if (options.BearerToken is { } token)
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (options.BasicAuth is { } basic)
        {
            headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.Username}:{basic.Password}")));
        }

        foreach (var (name, value) in options.Headers)
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>Where requests go, without any user info or query (safe to log).</summary>
    public string DisplayUrl => _url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <summary>Posts one encoded request.</summary>
    /// <param name="body">Snappy-compressed protobuf.</param>
    /// <param name="cancellationToken">Cancelled when the sender stops for good.</param>
    /// <returns>What became of it.</returns>
    public async Task<SendResult> SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = RemoteWriteProtocol.Content(body);
        try
        {
            using var response = await _http.PostAsync(_url, content, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return SendResult.Sent;
            }

            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            return SendResult.FromStatus(response.StatusCode, RetryAfter(response), error, _retryOn429);
        }
        catch (HttpRequestException ex)
        {
            return SendResult.NetworkError(ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.NetworkError($"no answer within {_http.Timeout.TotalSeconds:0.###} s (RemoteTimeout)");
        }
    }

    public void Dispose() => _http.Dispose();

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            text = text.Trim();
            return text.Length <= MaxErrorChars ? text : string.Concat(text.AsSpan(0, MaxErrorChars), "…");
        }
        catch (HttpRequestException ex)
        {
            return $"(body unreadable: {ex.Message})";
        }
    }
}
