namespace Dashboard.Plugins.HttpProbe;

/// <summary>The outcome of probing one target once.</summary>
/// <param name="Success">Whether the response came in time with the expected status.</param>
/// <param name="StatusCode">The response status, or 0 when no response came.</param>
/// <param name="Duration">From sending the request to the end of the response body, or to the failure.</param>
/// <param name="CertificateNotAfter">When the server's TLS certificate expires, if one was seen.</param>
internal readonly record struct ProbeResult(bool Success, int StatusCode, TimeSpan Duration,
    DateTimeOffset? CertificateNotAfter);
