namespace Dashboard.Core.RemoteWrite;

/// <summary>
/// remote_write senders (<c>Dashboard:RemoteWrite</c>): every collected sample is also pushed to each remote.
/// Nothing is registered when <see cref="Remotes"/> is empty. The settings are documented in docs/remote-write.md.
/// </summary>
public sealed class RemoteWriteOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:RemoteWrite";

    /// <summary>The remotes to push to, each with its own queue.</summary>
    public IList<RemoteOptions> Remotes { get; } = [];

    /// <summary>
    /// How long a stop may spend sending what is still queued (retries included); what is left then is dropped and
    /// counted. Kept below the host's 30 s shutdown timeout, which also covers the store's final snapshot.
    /// </summary>
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
