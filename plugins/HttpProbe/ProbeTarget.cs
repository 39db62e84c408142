namespace Dashboard.Plugins.HttpProbe;

/// <summary>One probed URL, checked and ready to request.</summary>
/// <param name="Url">The URL as configured, which is also the <c>url</c> label.</param>
/// <param name="Uri">The parsed URL.</param>
/// <param name="Method">The request method.</param>
/// <param name="ExpectStatus">The status code that counts as success.</param>
/// <param name="Timeout">How long the request may take.</param>
internal sealed record ProbeTarget(string Url, Uri Uri, HttpMethod Method, int ExpectStatus, TimeSpan Timeout)
{
    /// <summary>Checks one configured target.</summary>
    /// <param name="config">The target as configured.</param>
    /// <param name="index">Its position in <c>targets</c>, named in errors.</param>
    /// <exception cref="ArgumentException">The target is invalid.</exception>
    public static ProbeTarget From(ProbeTargetConfig config, int index)
    {
        if (!Uri.TryCreate(config.Url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"targets[{index}].url: '{config.Url}' is not an absolute http or https URL.", nameof(config));
        }

        var method = config.Method switch
        {
            "GET" => HttpMethod.Get,
            "HEAD" => HttpMethod.Head,
            _ => throw new ArgumentException(
                $"targets[{index}].method: '{config.Method}' is not GET or HEAD.", nameof(config)),
        };

        if (config.ExpectStatus is < 100 or > 599)
        {
            throw new ArgumentException(
                $"targets[{index}].expect_status: {config.ExpectStatus} is not an HTTP status code.", nameof(config));
        }

        if (config.TimeoutMs <= 0)
        {
            throw new ArgumentException(
                $"targets[{index}].timeout_ms: {config.TimeoutMs} is not a positive number of milliseconds.",
                nameof(config));
        }

        return new ProbeTarget(config.Url, uri, method, config.ExpectStatus,
            TimeSpan.FromMilliseconds(config.TimeoutMs));
    }
}
