using System.Security.Cryptography.X509Certificates;
using Dashboard.Core.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Server;

/// <summary>
/// Kestrel as the dashboard wants it: the limits of <see cref="ServerLimitsOptions"/> and, unless a certificate is
/// configured, the <see cref="DevelopmentCertificate"/> on every HTTPS endpoint. Kestrel's default protocols are
/// kept: HTTP/1.1 and HTTP/2 over TLS (the client picks by ALPN), HTTP/1.1 on plain <c>http://</c> (HTTP/2 there
/// needs prior knowledge, so an endpoint must be for HTTP/2 alone). Kestrel's own keys keep working:
/// <c>Kestrel:Certificates:Default</c> replaces the development certificate, <c>Kestrel:Endpoints:&lt;name&gt;:Certificate</c>
/// and <c>…:Protocols</c> apply to their endpoint (<c>Protocols=Http2</c> on an <c>http://</c> endpoint is HTTP/2
/// cleartext with prior knowledge, for a reverse proxy in front).
/// </summary>
internal sealed class KestrelSetup(
    IOptions<ServerLimitsOptions> limits,
    IOptions<DashboardOptions> dashboard,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<DevelopmentCertificate> certificateLogger) : IConfigureOptions<KestrelServerOptions>
{
    /// <inheritdoc />
    public void Configure(KestrelServerOptions options)
    {
        // Kestrel is configured when the app is built, before start-up validation: invalid limits are left out
        // here so that validation at start reports them together with every other invalid setting.
        ServerLimitsOptions value;
        try
        {
            value = limits.Value;
        }
        catch (OptionsValidationException)
        {
            return;
        }

        options.AddServerHeader = false;
        options.Limits.KeepAliveTimeout = value.KeepAliveTimeout;
        options.Limits.RequestHeadersTimeout = value.RequestHeadersTimeout;
        options.Limits.MaxRequestBodySize = value.MaxRequestBodyBytes;
        options.Limits.MaxRequestHeadersTotalSize = value.MaxRequestHeadersBytes;
        options.Limits.Http2.MaxStreamsPerConnection = value.MaxStreamsPerConnection;

        if (!configuration.GetSection("Kestrel:Certificates:Default").Exists())
        {
            // Made (or read) only when an HTTPS endpoint is bound, once for all of them.
            var certificate = new Lazy<X509Certificate2>(
                () => new DevelopmentCertificate(dashboard.Value.DataPath, time, certificateLogger).LoadOrCreate());
            options.ConfigureHttpsDefaults(https => https.ServerCertificate ??= certificate.Value);
        }
    }
}
