namespace Dashboard.Host.Server;

/// <summary>
/// The rate-limiting policies, applied with <c>.RequireRateLimiting(RateLimitPolicies.Query)</c>; each is configured
/// under <c>Dashboard:Server:RateLimits:&lt;name&gt;</c> (see <see cref="RateLimitPolicyOptions"/>).
/// </summary>
internal static class RateLimitPolicies
{
    /// <summary>Sign-in attempts, per client address whoever claims to be signing in: 5 a minute.</summary>
    public const string Login = "login";

    /// <summary>Expensive diagnostics (profiles, traces, dumps), per user or address: 10 a minute.</summary>
    public const string Diagnostics = "diagnostics";

    /// <summary>PromQL queries and exports, per user or address.</summary>
    public const string Query = "query";
}
