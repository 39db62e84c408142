using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Host.Tests.Server;

/// <summary>
/// An HTTP client that accepts whatever certificate the server presents and remembers it (and what validation
/// thought of it), so a test can assert which certificate a host serves.
/// </summary>
internal sealed class PresentedCertificate : IDisposable
{
    public PresentedCertificate(bool http2Only = true)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    Thumbprint = certificate is null ? null : Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
                    Subject = certificate?.Subject;
                    Errors = errors;
                    return certificate is not null;
                },
            },
        };
        Client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        if (http2Only)
        {
            Client.DefaultRequestVersion = System.Net.HttpVersion.Version20;
            Client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
    }

    public HttpClient Client { get; }

    /// <summary>The SHA-256 of the certificate seen last, upper-case hex.</summary>
    public string? Thumbprint { get; private set; }

    public string? Subject { get; private set; }

    public SslPolicyErrors Errors { get; private set; }

    public static string ThumbprintOf(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    public void Dispose() => Client.Dispose();
}
