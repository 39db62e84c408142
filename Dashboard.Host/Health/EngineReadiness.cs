using Dashboard.Core.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Host.Health;

/// <summary>Ready once the engine has scanned the plugins, read the config and scheduled the instances.</summary>
internal sealed class EngineReadiness(DashboardEngine engine) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(engine.IsReady
            ? HealthCheckResult.Healthy("plugins scanned, config loaded, instances scheduled")
            : HealthCheckResult.Unhealthy("starting: plugins or config not loaded yet"));
}
