using System.ComponentModel.DataAnnotations;

namespace Dashboard.Host.Server;

/// <summary>
/// One rate-limiting policy (<c>Dashboard:Server:RateLimits:&lt;policy&gt;</c>): a token bucket per client that holds
/// <see cref="PermitLimit"/> requests and is filled up again every <see cref="Window"/>, so a client may spend a whole
/// window's allowance at once (a dashboard opening with all its panels) but not more on average.
/// </summary>
internal sealed class RateLimitPolicyOptions
{
    /// <summary>The configuration section holding one subsection per policy.</summary>
    public const string Section = "Dashboard:Server:RateLimits";

    /// <summary>Requests a client may make per <see cref="Window"/>; also the largest burst.</summary>
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; }

    /// <summary>The period over which <see cref="PermitLimit"/> requests are allowed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan Window { get; set; }

    /// <summary>Requests above the limit that wait for a permit (oldest first) instead of being answered 429 at once.</summary>
    [Range(0, 100_000)]
    public int QueueLimit { get; set; }
}
