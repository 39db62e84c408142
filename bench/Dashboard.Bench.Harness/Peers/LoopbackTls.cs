using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>
/// A throwaway self-signed certificate for 127.0.0.1, made with <c>openssl</c> in the run's work folder, so that both
/// servers can speak HTTP/2 (Go's server offers h2 only over TLS). It serves Prometheus (<c>--web.config.file</c>),
/// our host (Kestrel's standard endpoint keys) and the harness's own clients, which trust exactly this certificate
/// and nothing else.
/// </summary>
internal sealed class LoopbackTls
{
    private readonly X509Certificate2 _certificate;

    private LoopbackTls(string certificatePath, string keyPath, string webConfigPath)
    {
        CertificatePath = certificatePath;
        KeyPath = keyPath;
        WebConfigPath = webConfigPath;
        _certificate = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
    }

    /// <summary>The certificate, PEM.</summary>
    public string CertificatePath { get; }

    /// <summary>Its unencrypted private key, PEM.</summary>
    public string KeyPath { get; }

    /// <summary>A Prometheus web config (<c>tls_server_config</c>) serving this certificate.</summary>
    public string WebConfigPath { get; }

    /// <summary>Makes a P-256 key and a one-day certificate for IP 127.0.0.1 under <paramref name="folder"/>.</summary>
    public static async Task<LoopbackTls> CreateAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var certificate = Path.Combine(folder, "loopback.crt");
        var key = Path.Combine(folder, "loopback.key");
        await ExternalCommand.RunAsync("openssl",
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate],
            TimeSpan.FromSeconds(30), cancellationToken);
        var webConfig = Path.Combine(folder, "prometheus-web.yml");
        await File.WriteAllTextAsync(webConfig, string.Create(CultureInfo.InvariantCulture, $"""
            tls_server_config:
              cert_file: {certificate}
              key_file: {key}

            """), cancellationToken);
        return new LoopbackTls(certificate, key, webConfig);
    }

    /// <summary>The configuration keys that give our host an HTTPS endpoint with this certificate, HTTP/1.1 and HTTP/2.</summary>
    /// <param name="httpPort">The plain HTTP port it keeps (its readiness probe and the remote_write backfill use it).</param>
    /// <param name="httpsPort">The HTTPS port.</param>
    public IReadOnlyDictionary<string, string> KestrelSettings(int httpPort, int httpsPort) => new Dictionary<string, string>
    {
        // Once endpoints are configured, Kestrel ignores Urls: the plain endpoint is named here too.
        ["Kestrel:Endpoints:Http:Url"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}"),
        ["Kestrel:Endpoints:Https:Url"] = string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{httpsPort}"),
        ["Kestrel:Endpoints:Https:Protocols"] = "Http1AndHttp2",
        ["Kestrel:Endpoints:Https:Certificate:Path"] = CertificatePath,
        ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = KeyPath,
    };

    /// <summary>A handler that accepts this certificate only (no chain, no revocation: it is self-signed and pinned).</summary>
    public HttpMessageHandler CreateHandler() => new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(_certificate.RawData),
        },
    };
}
