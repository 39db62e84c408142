using Dashboard.Core.Collection;
using Dashboard.Core.Exposition;
using Dashboard.Core.Instances;

namespace Dashboard.Host.Exposition;

/// <summary>Registers what <c>/metrics</c> serves.</summary>
internal static class ExpositionServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardExposition(this IServiceCollection services)
    {
        services.AddSingleton<SelfMetrics>();
        services.AddSingleton(sp =>
        {
            var supervisor = sp.GetRequiredService<InstanceSupervisor>();
            return new CollectedExposition(sp.GetRequiredService<LatestSamples>(),
                instanceId => supervisor.GetInstance(instanceId)?.Plugin ?? string.Empty);
        });
        return services;
    }
}
