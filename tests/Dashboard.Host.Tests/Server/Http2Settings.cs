using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.Host.Tests.Server;

/// <summary>
/// Opens an HTTP/2 connection by hand (TLS with ALPN h2, any certificate) and reads the server's first SETTINGS
/// frame: what the server tells every client about its limits.
/// </summary>
internal static class Http2Settings
{
    /// <summary>SETTINGS_MAX_CONCURRENT_STREAMS (RFC 9113, 6.5.2).</summary>
    public const ushort MaxConcurrentStreams = 0x3;

    public static async Task<Dictionary<ushort, uint>> ReadAsync(Uri https)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(https.Host.Trim('[', ']'), https.Port, timeout.Token);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            // The test host's own self-signed certificate: any presented one will do here.
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
        }, timeout.Token);
        Assert.Equal(SslApplicationProtocol.Http2, tls.NegotiatedApplicationProtocol);

        // The client preface, then an empty SETTINGS frame (length 0, type 4, no flags, stream 0).
        await tls.WriteAsync(Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), timeout.Token);
        await tls.WriteAsync(new byte[] { 0, 0, 0, 4, 0, 0, 0, 0, 0 }, timeout.Token);
        await tls.FlushAsync(timeout.Token);

        // A bounded number of frames: the server's SETTINGS is its first, but tolerate a WINDOW_UPDATE or an ACK first.
        var header = new byte[9];
        for (var frame = 0; frame < 10; frame++)
        {
            await tls.ReadExactlyAsync(header, timeout.Token);
            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            var payload = new byte[length];
            await tls.ReadExactlyAsync(payload, timeout.Token);
            const byte settingsType = 0x4, ackFlag = 0x1;
            if (header[3] != settingsType || (header[4] & ackFlag) != 0)
            {
                continue;
            }

            var settings = new Dictionary<ushort, uint>();
            for (var i = 0; i + 6 <= payload.Length; i += 6)
            {
                settings[BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(i))] = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(i + 2));
            }

            return settings;
        }

        throw new InvalidOperationException("The server sent no SETTINGS frame among its first 10 frames.");
    }
}
