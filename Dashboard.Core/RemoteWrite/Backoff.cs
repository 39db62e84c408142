namespace Dashboard.Core.RemoteWrite;

/// <summary>
/// Delays between retries of one request: <see cref="RemoteOptions.MinBackoff"/>, doubled on each retry, at most
/// <see cref="RemoteOptions.MaxBackoff"/>; a receiver's <c>Retry-After</c> replaces the computed delay.
/// </summary>
internal sealed class Backoff(TimeSpan min, TimeSpan max)
{
    private TimeSpan _next = min;

    /// <summary>The delay before the next retry, and doubles the one after.</summary>
    /// <param name="retryAfter">The receiver's <c>Retry-After</c>, when it sent one.</param>
    /// <returns>The delay.</returns>
    public TimeSpan Next(TimeSpan? retryAfter)
    {
        var computed = _next;
        _next = computed.Ticks > max.Ticks / 2 ? max : computed * 2;
        return retryAfter is { } asked && asked > TimeSpan.Zero ? asked : computed;
    }
}
