using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Plugins.HttpProbe;

/// <summary>
/// Remembers the expiry of the certificate each TLS server presented, as the handler's validation callback sees it.
/// </summary>
/// <remarks>
/// The callback only runs when a connection is made, not for requests on a pooled connection, so the last expiry
/// seen per host is kept and read back after each request. The callback is given the <see cref="SslStream"/>, not the
/// request, so the key is the host name it was opened for: two ports of one host presenting different certificates
/// would share an entry.
/// </remarks>
internal sealed class ServerCertificateExpiries
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _notAfterByHost =
        new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A <see cref="RemoteCertificateValidationCallback"/> that records the certificate's expiry and then gives the
    /// platform's own verdict, so an invalid certificate still fails the request.
    /// </summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // An expired or untrusted certificate is exactly the one whose expiry is worth showing: record it first.
        if (sender is SslStream { TargetHostName: { Length: > 0 } host } && certificate is X509Certificate2 server)
        {
            _notAfterByHost[host] = new DateTimeOffset(server.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        }

        return errors == SslPolicyErrors.None;
    }

    /// <summary>The expiry last seen for <paramref name="uri"/>'s host, if it is https and a certificate was seen.</summary>
    public DateTimeOffset? For(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps && _notAfterByHost.TryGetValue(uri.IdnHost, out var notAfter)
            ? notAfter
            : null;
}
