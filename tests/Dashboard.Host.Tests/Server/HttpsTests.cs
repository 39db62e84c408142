using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Host.Server;
using Dashboard.Tests;

namespace Dashboard.Host.Tests.Server;

/// <summary>
/// HTTPS on the real host: HTTP/2 by ALPN (curl and .NET), the self-signed certificate made at first start and kept,
/// a configured one served instead, and HTTP/2 cleartext with prior knowledge on an endpoint configured for it.
/// </summary>
public sealed class HttpsTests : IDisposable
{
    private const string NoInstances = """{ "instances": [] }""";

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Curl_negotiates_http2_over_tls_and_falls_back_to_http11_when_asked()
    {
        await using var host = Start(Tls());
        var url = new Uri(host.Bound("https"), "/healthz").ToString();

        var http2 = await Curl.RunAsync("--http2", "-k", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", url);
        var http11 = await Curl.RunAsync("--http1.1", "-k", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", url);

        Assert.Equal("2 200", http2);
        Assert.Equal("1.1 200", http11);
    }

    [Fact]
    public async Task Dotnet_client_gets_http2_exactly_and_the_certificate_names_the_loopback_addresses()
    {
        await using var host = Start(new Dictionary<string, string>(Tls()) { ["Urls"] = "https://127.0.0.1:0;https://[::1]:0" });
        using var client = new PresentedCertificate();

        foreach (var address in (string[])["127.0.0.1", "[::1]"])
        {
            using var response = await client.Client.GetAsync(new Uri(host.Bound("https", address), "/api/instances"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpVersion.Version20, response.Version);
            // Self-signed, so untrusted; but the name matches both addresses.
            Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, client.Errors);
        }
    }

    [Fact]
    public async Task The_generated_certificate_is_kept_owner_only_and_reused_after_a_restart()
    {
        var file = _folder.Combine("data", "tls", DevelopmentCertificate.FileName);
        string? first;
        await using (var host = Start(Tls()))
        {
            using var client = new PresentedCertificate();
            using var response = await client.Client.GetAsync(new Uri(host.Bound("https"), "/healthz"));
            first = client.Thumbprint;
        }

        await using (var again = Start(Tls()))
        {
            using var client = new PresentedCertificate();
            using var response = await client.Client.GetAsync(new Uri(again.Bound("https"), "/healthz"));

            Assert.Equal(first, client.Thumbprint);
        }

        using var kept = X509CertificateLoader.LoadPkcs12FromFile(file, password: null);
        Assert.Equal(first, PresentedCertificate.ThumbprintOf(kept));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal("CN=localhost", kept.Subject);
    }

    [Fact]
    public async Task A_configured_pfx_is_served_and_no_certificate_is_generated()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var made = new CertificateRequest("CN=configured.example", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pfx = _folder.Combine("configured.pfx");
        await File.WriteAllBytesAsync(pfx, made.Export(X509ContentType.Pkcs12, "pfx-password"));
        var settings = new Dictionary<string, string>(Tls())
        {
            ["Kestrel:Certificates:Default:Path"] = pfx,
            ["Kestrel:Certificates:Default:Password"] = "pfx-password",
        };

        await using var host = Start(settings);
        using var client = new PresentedCertificate();
        using var response = await client.Client.GetAsync(new Uri(host.Bound("https"), "/healthz"));

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(PresentedCertificate.ThumbprintOf(made), client.Thumbprint);
        Assert.False(Directory.Exists(_folder.Combine("data", "tls")), "no development certificate is made when one is configured");
    }

    [Fact]
    public async Task An_endpoint_configured_for_http2_alone_answers_cleartext_prior_knowledge()
    {
        var settings = new Dictionary<string, string>
        {
            ["Kestrel:Endpoints:Proxy:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Proxy:Protocols"] = "Http2",
        };

        await using var host = Start(settings);
        var url = new Uri(host.Bound("http"), "/api/instances");
        var curl = await Curl.RunAsync("--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", url.ToString());
        using var client = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await client.GetAsync(url);

        Assert.Equal("2 200", curl);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, string> Tls() => new() { ["Urls"] = "https://127.0.0.1:0" };

    private DashboardHost Start(IReadOnlyDictionary<string, string> settings) =>
        DashboardHost.Start(new Dictionary<string, string>(settings) { ["Dashboard:DataPath"] = _folder.Combine("data") }, NoInstances);
}
