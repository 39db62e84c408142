using System.Net;

namespace Dashboard.Core.RemoteWrite;

/// <summary>What became of one request, and whether it may be sent again.</summary>
/// <param name="Kind">Sent, retry or refused.</param>
/// <param name="Status">The HTTP status, when the remote answered.</param>
/// <param name="RetryAfter">The remote's <c>Retry-After</c>, when it sent one.</param>
/// <param name="Error">The remote's message or the network error, for the log.</param>
internal readonly record struct SendResult(SendResultKind Kind, HttpStatusCode? Status, TimeSpan? RetryAfter, string? Error)
{
    public static SendResult Sent { get; } = new(SendResultKind.Sent, null, null, null);

    /// <summary>
    /// Sorts a status as Prometheus does: 2xx sent; 5xx retried; 429 retried when <paramref name="retryOn429"/>,
    /// else refused; any other status (4xx, 3xx left unfollowed) refused, since sending the same body again would
    /// get the same answer.
    /// </summary>
    public static SendResult FromStatus(HttpStatusCode status, TimeSpan? retryAfter, string? error, bool retryOn429)
    {
        var code = (int)status;
        var kind = code switch
        {
            >= 200 and < 300 => SendResultKind.Sent,
            >= 500 => SendResultKind.Retry,
            429 when retryOn429 => SendResultKind.Retry,
            _ => SendResultKind.Refused,
        };
        return new SendResult(kind, status, kind == SendResultKind.Retry ? retryAfter : null, error);
    }

    /// <summary>A request that got no answer (connection refused or reset, timeout): retried.</summary>
    public static SendResult NetworkError(string error) => new(SendResultKind.Retry, null, null, error);
}
