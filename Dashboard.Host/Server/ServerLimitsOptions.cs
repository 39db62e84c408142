using System.ComponentModel.DataAnnotations;

namespace Dashboard.Host.Server;

/// <summary>
/// Kestrel's limits (<c>Dashboard:Server:Limits</c>), validated at start. The defaults are the seed's: a client that
/// trickles its headers, holds an idle connection or opens streams without end is cut off, and nobody can make the
/// host buffer an unbounded body.
/// </summary>
internal sealed class ServerLimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Server:Limits";

    /// <summary>The key of <see cref="MaxRequestBodyBytes"/>, named in the 413 answer.</summary>
    public const string MaxRequestBodyBytesKey = Section + ":" + nameof(MaxRequestBodyBytes);

    /// <summary>The key of <see cref="MaxPluginUploadBytes"/>, named in the 413 answer of the plugin upload.</summary>
    public const string MaxPluginUploadBytesKey = Section + ":" + nameof(MaxPluginUploadBytes);

    /// <summary>HTTP/2 streams one connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS).</summary>
    [Range(1, 10_000)]
    public int MaxStreamsPerConnection { get; set; } = 256;

    /// <summary>How long an idle connection is kept open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a client may take to send a request's headers (against slowloris).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The largest request body, in bytes, where an endpoint sets no limit of its own; above it the answer is 413.
    /// The remote_write receiver has its own (<c>Dashboard:RemoteWrite:Receiver:MaxRequestBytes</c>), the plugin
    /// upload <see cref="MaxPluginUploadBytes"/>.
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The largest plugin zip the upload endpoint accepts, in bytes (applied with <see cref="RequestBodyLimit"/>).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxPluginUploadBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>The most bytes a request's headers may take together (request line excluded), HTTP/1.1 and HTTP/2 alike.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;
}
