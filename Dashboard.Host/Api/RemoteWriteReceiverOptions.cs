using System.ComponentModel.DataAnnotations;

namespace Dashboard.Host.Api;

/// <summary>Limits of the remote_write receiver (<c>Dashboard:RemoteWrite:Receiver</c>).</summary>
internal sealed class RemoteWriteReceiverOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:RemoteWrite:Receiver";

    /// <summary>
    /// The most bytes a request body may have as sent (compressed); above it the answer is 413. Prometheus 2.42's
    /// default of 500 samples per request makes bodies of tens of kilobytes.
    /// </summary>
    [Range(1024, int.MaxValue)]
    public int MaxRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The most bytes a body may decompress to; checked from the snappy header before decompressing.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxDecodedBytes { get; set; } = 64 * 1024 * 1024;
}
