using System.Diagnostics;
using System.Net.Http.Headers;
using Dashboard.Abstractions;

namespace Dashboard.Plugins.HttpProbe;

/// <summary>Requests each configured URL every collect and reports whether it answered as expected, and how fast.</summary>
public sealed class HttpProbeMonitor : IMonitor, IDisposable
{
    // Long enough to reuse connections between collects, short enough that DNS changes and renewed certificates
    // show within a minute.
    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(1);

    private readonly ServerCertificateExpiries _certificates = new();
    private HttpClient? _client;
    private ProbeTarget[] _targets = [];

    /// <inheritdoc />
    public string Name => "HttpProbe";

    /// <inheritdoc />
    public string ConfigSchema => """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["targets"],
          "properties": {
            "targets": {
              "description": "The URLs to probe, all at once, every collect.",
              "type": "array",
              "items": {
                "type": "object",
                "required": ["url"],
                "properties": {
                  "url": { "description": "Absolute http or https URL; also the url label.", "type": "string", "format": "uri" },
                  "method": { "description": "HEAD spares the server the body.", "type": "string", "enum": ["GET", "HEAD"], "default": "GET" },
                  "expect_status": { "description": "The status code that counts as success.", "type": "integer", "minimum": 100, "maximum": 599, "default": 200 },
                  "timeout_ms": { "description": "How long the request, body included, may take.", "type": "integer", "minimum": 1, "default": 3000 }
                },
                "additionalProperties": false
              }
            },
            "follow_redirects": {
              "description": "Follow redirects; when false a redirect's own status is compared with expect_status.",
              "type": "boolean",
              "default": false
            }
          }
        }
        """;

    /// <inheritdoc />
    public void Configure(MonitorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = settings.Bind<HttpProbeConfig>();

        var targets = new ProbeTarget[config.Targets.Count];
        var urls = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = ProbeTarget.From(config.Targets[i], i);

            // The url is the series' only label: two targets with one url would write the same series twice.
            if (!urls.Add(targets[i].Url))
            {
                throw new ArgumentException($"targets[{i}].url: '{targets[i].Url}' is already probed.",
                    nameof(settings));
            }
        }

        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = ConnectionLifetime,
            AllowAutoRedirect = config.FollowRedirects,
            MaxAutomaticRedirections = 10,

            // Probes stand alone: a cookie from one collect must not change the next.
            UseCookies = false,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = _certificates.Validate;

        _client?.Dispose();
        _client = new HttpClient(handler)
        {
            // Each target has its own timeout; the client's default of 100 s would only get in the way.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Dashboard-HttpProbe", "1.0"));
        _targets = targets;
    }

    /// <inheritdoc />
    public async ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var client = _client ?? throw new InvalidOperationException("Configure must be called before CollectAsync.");
        var targets = _targets;

        var probes = new Task<ProbeResult>[targets.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            probes[i] = ProbeAsync(client, targets[i], cancellationToken);
        }

        var results = await Task.WhenAll(probes).ConfigureAwait(false);

        // The writer is written from this one flow, in target order, once every probe is done.
        for (var i = 0; i < targets.Length; i++)
        {
            var result = results[i];
            ReadOnlySpan<Label> labels = [new("url", targets[i].Url)];
            writer.Gauge("probe_success", labels, result.Success ? 1 : 0);
            writer.Gauge("probe_http_status_code", labels, result.StatusCode);
            writer.Gauge("probe_duration_seconds", labels, result.Duration.TotalSeconds);
            if (result.CertificateNotAfter is { } notAfter)
            {
                writer.Gauge("probe_tls_cert_expiry_timestamp_seconds", labels, notAfter.ToUnixTimeSeconds());
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client?.Dispose();
        _client = null;
    }

    private async Task<ProbeResult> ProbeAsync(HttpClient client, ProbeTarget target,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(target.Timeout);

        var finalUri = target.Uri;
        var statusCode = 0;
        var completed = false;
        var handshakeFailed = false;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(target.Method, target.Uri);
            using var response = await client
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            statusCode = (int)response.StatusCode;
            finalUri = response.RequestMessage?.RequestUri ?? finalUri;

            // The duration includes the body, as a user waits for it; reading it also frees the connection for reuse.
            await response.Content.CopyToAsync(Stream.Null, timeout.Token).ConfigureAwait(false);
            completed = true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // This target's own timeout: a failed probe. The collect's cancellation, by contrast, propagates.
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // Refused, unresolvable, reset or a failed TLS handshake: a failed probe, not a failed collect.
            handshakeFailed = e is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError };
        }

        var duration = Stopwatch.GetElapsedTime(started);
        var success = completed && statusCode == target.ExpectStatus;

        // Only a probe that reached the server's certificate (a response, or a rejected handshake) reports its expiry:
        // a server that stopped listening must not go on reporting the certificate it had.
        var certificate = statusCode > 0 || handshakeFailed ? _certificates.For(finalUri) : null;
        return new ProbeResult(success, statusCode, duration, certificate);
    }
}
