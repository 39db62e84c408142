namespace Dashboard.Plugins.HttpProbe;

/// <summary>One probed URL as configured; the defaults mirror those of the schema.</summary>
public sealed class ProbeTargetConfig
{
    /// <summary>The absolute http or https URL to request.</summary>
    public string Url { get; init; } = "";

    /// <summary>GET, or HEAD to spare the server the body.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>The status code that counts as success.</summary>
    public int ExpectStatus { get; init; } = 200;

    /// <summary>How long the whole request, body included, may take.</summary>
    public int TimeoutMs { get; init; } = 3000;
}
