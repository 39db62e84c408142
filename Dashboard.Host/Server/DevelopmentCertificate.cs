using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Host.Server;

/// <summary>
/// The self-signed certificate HTTPS endpoints use when none is configured: made at first start for
/// <c>localhost</c>, <c>127.0.0.1</c> and <c>::1</c>, kept in <c>&lt;DataPath&gt;/tls/</c> (a PKCS#12 file only its
/// owner may read) and reused until it nears its end, so a browser's exception for it holds across restarts and no
/// <c>dotnet dev-certs</c> step is needed on a fresh machine. Only its SHA-256 thumbprint is logged.
/// </summary>
internal sealed partial class DevelopmentCertificate
{
    /// <summary>The file under <c>&lt;DataPath&gt;/tls/</c>.</summary>
    public const string FileName = "dashboard-localhost.pfx";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    // Renewed this long before it expires, so a long-running host is not caught out.
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger<DevelopmentCertificate> _logger;

    /// <param name="dataPath">The resolved <c>Dashboard:DataPath</c>.</param>
    /// <param name="time">The clock that decides validity.</param>
    /// <param name="logger">Where the thumbprint goes.</param>
    public DevelopmentCertificate(string dataPath, TimeProvider time, ILogger<DevelopmentCertificate> logger)
    {
        _path = Path.Combine(dataPath, "tls", FileName);
        _time = time;
        _logger = logger;
    }

    /// <summary>The certificate's file.</summary>
    public string FilePath => _path;

    /// <summary>Loads the kept certificate, or makes and keeps a new one when there is none, it is unreadable or it is about to expire.</summary>
    public X509Certificate2 LoadOrCreate()
    {
        var now = _time.GetUtcNow();
        if (TryLoad(now) is { } kept)
        {
            Log(kept, created: false);
            return kept;
        }

        // Served from its PKCS#12 form, as after a restart (an ephemeral key would not do for TLS on every platform).
        using var made = Create(now);
        var pkcs12 = made.Export(X509ContentType.Pkcs12);
        X509Certificate2 created;
        try
        {
            Save(pkcs12);
            created = X509CertificateLoader.LoadPkcs12(pkcs12, password: null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs12);
        }

        Log(created, created: true);
        return created;
    }

    // The thumbprint lets a user check what a browser shows; the key itself never leaves the file.
    private void Log(X509Certificate2 certificate, bool created)
    {
        var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var notAfter = certificate.NotAfter.ToUniversalTime();
        if (created)
        {
            LogCreated(_path, thumbprint, notAfter);
        }
        else
        {
            LogReused(_path, thumbprint, notAfter);
        }
    }

    private X509Certificate2? TryLoad(DateTimeOffset now)
    {
        if (!File.Exists(_path))
        {
            return null;
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(_path, password: null);
            if (certificate.HasPrivateKey && certificate.NotAfter.ToUniversalTime() > (now + RenewBefore).UtcDateTime)
            {
                return certificate;
            }

            LogReplacing(_path, "it expires soon or has no private key");
            certificate.Dispose();
        }
        catch (CryptographicException ex)
        {
            LogReplacing(_path, ex.Message);
        }

        return null;
    }

    private static X509Certificate2 Create(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build(critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        // A day back, so a client whose clock is a little behind accepts it at once.
        return request.CreateSelfSigned(now.AddDays(-1), now + Lifetime);
    }

    // Written whole to a temporary file (owner read/write only) and renamed over the old one: never half a key on disk.
    private void Save(byte[] bytes)
    {
        var folder = Path.GetDirectoryName(_path)!;
        var temporary = _path + ".tmp";
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(temporary, bytes);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var file = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            // UnixCreateMode applies only to a new file: one left by a crash keeps its mode unless set again.
            File.SetUnixFileMode(file.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTPS: made a self-signed certificate for localhost, 127.0.0.1 and ::1 in {Path}; SHA-256 thumbprint {Thumbprint}, valid until {NotAfter:u}")]
    private partial void LogCreated(string path, string thumbprint, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTPS: using the self-signed certificate in {Path}; SHA-256 thumbprint {Thumbprint}, valid until {NotAfter:u}")]
    private partial void LogReused(string path, string thumbprint, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTPS: replacing the self-signed certificate in {Path}: {Reason}")]
    private partial void LogReplacing(string path, string reason);
}
