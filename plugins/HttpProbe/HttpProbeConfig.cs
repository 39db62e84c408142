namespace Dashboard.Plugins.HttpProbe;

/// <summary>The config of one HttpProbe instance; the defaults mirror those of the schema.</summary>
public sealed class HttpProbeConfig
{
    /// <summary>The URLs to probe, each collect, all at once.</summary>
    public IReadOnlyList<ProbeTargetConfig> Targets { get; init; } = [];

    /// <summary>Whether a redirect is followed; when not, the redirect status is the probe's status.</summary>
    public bool FollowRedirects { get; init; }
}
