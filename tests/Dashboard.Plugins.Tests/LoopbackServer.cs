using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Plugins.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a port the OS picks, with the endpoints the probe tests need; over https
/// when given a certificate.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _disposed;

    private LoopbackServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts a server with the test endpoints.</summary>
    /// <param name="certificate">The server certificate; <see langword="null"/> serves plain http.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<LoopbackServer> StartAsync(X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));

        var app = builder.Build();
        app.MapGet("/ok", () => "ok");
        app.MapGet("/error", () => Results.StatusCode(StatusCodes.Status500InternalServerError));
        app.MapGet("/redirect", () => Results.Redirect("/ok"));
        app.MapMethods("/method", ["GET", "HEAD"], (HttpContext context) =>
            Results.StatusCode(HttpMethods.IsHead(context.Request.Method) ? StatusCodes.Status204NoContent : StatusCodes.Status200OK));
        app.MapGet("/slow-headers", async (HttpContext context) =>
        {
            await SlowResponse.WaitForClientToGiveUpAsync(context);
            return "too late";
        });
        app.MapGet("/stalled-body", async (HttpContext context) =>
        {
            await context.Response.WriteAsync("the start of a body that never ends", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await SlowResponse.WaitForClientToGiveUpAsync(context);
        });

        await app.StartAsync(cancellationToken);
        return new LoopbackServer(app, new Uri(app.Urls.Single() + "/"));
    }

    /// <summary>A self-signed certificate for 127.0.0.1 that expires at <paramref name="notAfter"/>.</summary>
    /// <param name="notAfter">The expiry, whole seconds (certificates have no finer resolution).</param>
    /// <returns>The certificate, with its private key.</returns>
    public static X509Certificate2 SelfSignedCertificate(DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(notAfter.AddDays(-30), notAfter);

        // Round-trip through PKCS#12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>A loopback port nothing listens on: bound by the OS, then released.</summary>
    /// <returns>The port.</returns>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The absolute URL of <paramref name="path"/> on this server.</summary>
    /// <param name="path">A path without a leading slash, e.g. <c>ok</c>.</param>
    /// <returns>The URL as a string, as a probe target is configured.</returns>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>Stops the server; later calls do nothing, so a test may stop it early and still dispose it.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
