using Dashboard.UI.Live;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.UI;

/// <summary>The services the UI's components need beyond the engine's.</summary>
public static class UiServiceCollectionExtensions
{
    /// <summary>Adds the component library's services and the UI's own.</summary>
    public static IServiceCollection AddDashboardUi(this IServiceCollection services)
    {
        services.AddMudServices();
        services.AddScoped<Interop.BrowserClock>();
        services.AddSingleton<Components.Explorer.MetricLabels>();
        services.AddSingleton<Components.Dashboards.BoardStore>();
        services.AddSingleton<InstanceSparklines>();
        services.AddSingleton<HostHealth>();
        return services;
    }
}
