using System.Net;
using System.Net.Sockets;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>Free TCP ports on 127.0.0.1 for the peers and targets this harness starts.</summary>
internal static class LoopbackPort
{
    /// <summary>A port the system had free a moment ago; another process could take it first, which fails loudly.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
