using Dashboard.Core.Audit;
using System.Globalization;
using System.Threading.RateLimiting;
using Dashboard.Host.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Server;

/// <summary>
/// ASP.NET Core's rate limiter with the <see cref="RateLimitPolicies"/>: a token bucket per client (the signed-in
/// caller as <see cref="AuditActor"/> names them, else the remote address; the address in the Unsecured mode, where
/// every caller has the same name, and always for <see cref="RateLimitPolicies.Login"/>, where the name is what an
/// attacker guesses). A rejected request gets 429, <c>Retry-After</c> in seconds and a problem naming
/// the policy and its configuration key.
/// </summary>
internal static class RateLimiting
{
    // The sign-in method (AuditActor.MethodClaim) of the Unsecured mode.
    private const string UnsecuredMethod = "unsecured";

    /// <summary>Each policy's defaults; configuration overrides them key by key.</summary>
    public static readonly IReadOnlyDictionary<string, RateLimitPolicyOptions> Defaults = new Dictionary<string, RateLimitPolicyOptions>
    {
        [RateLimitPolicies.Login] = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(1) },
        [RateLimitPolicies.Diagnostics] = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) },
        // Far above a person's dashboards (a Grafana board opening fires a few dozen at once) and above what one
        // h2load client gets from 2 cores on a cached query (900–1,600/s): a runaway loop is stopped, normal use never.
        // What one expensive query may cost is bounded by Dashboard:Query (timeout, samples), not here.
        [RateLimitPolicies.Query] = new() { PermitLimit = 5000, Window = TimeSpan.FromSeconds(1), QueueLimit = 100 },
    };

    /// <summary>Registers the policies' options (validated at start) and the limiter.</summary>
    public static IServiceCollection AddDashboardRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var (name, defaults) in Defaults)
        {
            services.AddOptions<RateLimitPolicyOptions>(name)
                .Configure(options =>
                {
                    options.PermitLimit = defaults.PermitLimit;
                    options.Window = defaults.Window;
                    options.QueueLimit = defaults.QueueLimit;
                })
                .Bind(configuration.GetSection($"{RateLimitPolicyOptions.Section}:{name}"))
                .ValidateOnStart();
        }

        services.AddSingleton<IValidateOptions<RateLimitPolicyOptions>>(new KeyedValidation<RateLimitPolicyOptions>(RateLimitPolicyOptions.Section));

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            foreach (var name in Defaults.Keys)
            {
                var byUser = name != RateLimitPolicies.Login;
                options.AddPolicy(name, context => Partition(context, name, byUser));
            }
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, string policy, bool byUser)
    {
        // In the Unsecured mode every loopback caller is the same "local" admin: one name for many clients.
        var named = byUser && context.User.Identity is { IsAuthenticated: true }
            && context.User.FindFirst(AuditActor.MethodClaim)?.Value != UnsecuredMethod;
        var client = named ? "user:" + AuditActor.Of(context.User) : "ip:" + context.Connection.RemoteIpAddress;
        return RateLimitPartition.GetTokenBucketLimiter(client, _ =>
        {
            var options = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitPolicyOptions>>().Get(policy);
            return new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.PermitLimit,
                TokensPerPeriod = options.PermitLimit,
                ReplenishmentPeriod = options.Window,
                QueueLimit = options.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            };
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "?";
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitPolicyOptions>>().Get(policy);
        // The lease knows when a permit frees up; without it, a whole window is the honest answer.
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Window;
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
                $"More than {options.PermitLimit} requests per {options.Window:c} from this client under the '{policy}' rate limit " +
                $"({RateLimitPolicyOptions.Section}:{policy}); retry in {seconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests")
            .ExecuteAsync(context);
    }
}
