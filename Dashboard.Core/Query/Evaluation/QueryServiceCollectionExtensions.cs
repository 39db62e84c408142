using Dashboard.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Query.Evaluation;

/// <summary>Registers the query engine, its options (<c>Dashboard:Query</c>) and, unless another is registered, the
/// embedded store as its series source.</summary>
public static class QueryServiceCollectionExtensions
{
    /// <summary>Adds the query engine.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app's configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddQueryEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueryOptions>()
            .Bind(configuration.GetSection(QueryOptions.Section))
            .Validate(o => o.LookbackDelta > TimeSpan.Zero, "Dashboard:Query:LookbackDelta must be positive.")
            .Validate(o => o.MaxSamples > 0, "Dashboard:Query:MaxSamples must be positive.")
            .Validate(o => o.MaxPointsPerSeries > 0, "Dashboard:Query:MaxPointsPerSeries must be positive.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Dashboard:Query:Timeout must be positive.")
            .Validate(o => o.ParsedQueryCacheSize > 0, "Dashboard:Query:ParsedQueryCacheSize must be positive.")
            .ValidateOnStart();
        services.AddSingleton<QueryMetrics>();
        services.TryAddSingleton<ISeriesSource>(sp => new StoreSeriesSource(sp.GetRequiredService<TsdbStore>()));
        services.AddSingleton(sp => new QueryEngine(
            sp.GetRequiredService<ISeriesSource>(),
            sp.GetRequiredService<IOptions<QueryOptions>>().Value,
            sp.GetRequiredService<QueryMetrics>()));
        return services;
    }
}
