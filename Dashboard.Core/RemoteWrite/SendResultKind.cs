namespace Dashboard.Core.RemoteWrite;

/// <summary>How a request ended.</summary>
internal enum SendResultKind
{
    /// <summary>Accepted (2xx).</summary>
    Sent,

    /// <summary>Worth sending again after a backoff (5xx, 429 when allowed, no answer).</summary>
    Retry,

    /// <summary>Refused for good (4xx): dropped and counted as failed.</summary>
    Refused,
}
