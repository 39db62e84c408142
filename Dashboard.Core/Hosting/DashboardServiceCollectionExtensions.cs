using Dashboard.Core.Audit;
using Dashboard.Core.Collection;
using Dashboard.Core.Configuration;
using Dashboard.Core.Configuration.Editing;
using Dashboard.Core.Configuration.History;
using Dashboard.Core.Configuration.Secrets;
using Dashboard.Core.Instances;
using Dashboard.Core.Plugins;
using Dashboard.Core.Plugins.Packages;
using Dashboard.Core.Query.Evaluation;
using Dashboard.Core.RemoteWrite;
using Dashboard.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Hosting;

/// <summary>Registers the engine: plugins, config, collection, storage.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine and its options (sections <c>Dashboard</c>, <c>Dashboard:Collection</c>, <c>Dashboard:Storage</c>,
    /// <c>Dashboard:RemoteWrite</c>, <c>Dashboard:Query</c> and <c>Dashboard:Plugins:Upload</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app's configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDashboardCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>()
            .Bind(configuration.GetSection(DashboardOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<DashboardOptions>, ResolveDashboardPaths>();
        services.AddOptions<CollectionOptions>()
            .Bind(configuration.GetSection($"{DashboardOptions.Section}:Collection"))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<StorageOptions>, ResolveStoragePath>();

        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CollectionMetrics>();
        services.AddSingleton(sp =>
        {
            var channel = new SampleChannel(sp.GetRequiredService<IOptions<CollectionOptions>>().Value.ChannelCapacity);
            sp.GetRequiredService<CollectionMetrics>().Observe(channel);
            return channel;
        });
        services.AddSingleton<LatestSamples>();
        services.AddSingleton<ISampleSink>(sp => sp.GetRequiredService<LatestSamples>());
        services.AddSingleton<StorageMetrics>();
        services.AddSingleton(sp => new TsdbStore(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<StorageMetrics>(),
            sp.GetRequiredService<ILogger<TsdbStore>>()));
        services.AddSingleton<ISampleSink>(sp => sp.GetRequiredService<TsdbStore>());
        services.AddRemoteWrite(configuration);
        services.AddQueryEngine(configuration);
        services.AddSingleton<CollectFeed>();
        services.AddSingleton<ISampleSink>(sp => sp.GetRequiredService<CollectFeed>());
        services.AddSingleton<SampleIngestor>();
        services.AddSingleton<CollectionScheduler>();
        services.AddSingleton<IAuditLog>(sp => new AuditLogFile(
            Path.Combine(sp.GetRequiredService<IOptions<DashboardOptions>>().Value.DataPath, "audit", "audit.log"),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AuditLogFile>>()));
        services.AddSingleton<PluginMetrics>();
        services.AddSingleton(sp =>
        {
            var catalog = new PluginCatalog(
                sp.GetRequiredService<IOptions<DashboardOptions>>().Value.PluginsPath,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<PluginCatalog>>());
            sp.GetRequiredService<PluginMetrics>().Observe(catalog);
            return catalog;
        });
        services.AddSingleton(sp =>
        {
            var catalog = sp.GetRequiredService<PluginCatalog>();
            return new ConfigSecrets(plugin => catalog.Find(plugin)?.Schema);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DashboardOptions>>().Value;
            return new ConfigStore(options.PluginsConfigPath, Path.Combine(options.DataPath, "config-history"),
                sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<ConfigSecrets>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ConfigStore>>());
        });
        services.AddSingleton<InstanceSupervisor>();
        services.AddSingleton<ConfigHistory>();
        services.AddSingleton<InstanceEditor>();
        services.AddSingleton<ConfigFileEditor>();
        services.AddOptions<PluginUploadOptions>()
            .Bind(configuration.GetSection(PluginUploadOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<PluginInstaller>();
        services.AddSingleton<PluginAdministration>();
        services.AddSingleton<DashboardEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardEngine>());
        return services;
    }

    // The metrics serve the receiver too; the sender and its sink exist only when a remote is configured.
    private static void AddRemoteWrite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RemoteWriteMetrics>();
        services.AddSingleton<RemoteWriteReceiver>();
        services.AddOptions<RemoteWriteOptions>()
            .Bind(configuration.GetSection(RemoteWriteOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RemoteWriteOptions>, RemoteWriteOptionsValidator>();
        if (configuration.GetSection($"{RemoteWriteOptions.Section}:Remotes").GetChildren().Any())
        {
            services.AddSingleton<RemoteWriteSink>();
            services.AddSingleton<ISampleSink>(sp => sp.GetRequiredService<RemoteWriteSink>());
        }
    }

    private sealed class ResolveStoragePath(IOptions<DashboardOptions> dashboard) : IPostConfigureOptions<StorageOptions>
    {
        public void PostConfigure(string? name, StorageOptions options) =>
            options.Path = Path.GetFullPath(options.Path, dashboard.Value.DataPath);
    }

    private sealed class ResolveDashboardPaths(IHostEnvironment environment) : IPostConfigureOptions<DashboardOptions>
    {
        public void PostConfigure(string? name, DashboardOptions options)
        {
            options.PluginsPath = Path.GetFullPath(options.PluginsPath, environment.ContentRootPath);
            options.PluginsConfigPath = Path.GetFullPath(options.PluginsConfigPath, environment.ContentRootPath);
            options.DataPath = Path.GetFullPath(options.DataPath, environment.ContentRootPath);
        }
    }
}
