using Dashboard.Core.Query.Evaluation;
using Dashboard.Core.Query.Remote;
using Dashboard.Core.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Query;

/// <summary>
/// Registers where the query engine reads raw samples (<see cref="ISeriesSource"/>): the embedded store, or a remote
/// Prometheus-API server when <c>Dashboard:Query:Remote:Url</c> is set.
/// </summary>
internal static partial class QuerySourceServiceCollectionExtensions
{
    /// <summary>Registers the <see cref="ISeriesSource"/> singleton; a remote's settings are validated at start.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (<c>Dashboard:Query:Remote</c>).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddQuerySource(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(PrometheusRemoteSourceOptions.Section);
        if (string.IsNullOrWhiteSpace(section["Url"]))
        {
            services.TryAddSingleton<ISeriesSource>(sp => new StoreSeriesSource(sp.GetRequiredService<TsdbStore>()));
            return services;
        }

        services.AddOptions<PrometheusRemoteSourceOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrometheusRemoteSourceOptions>, PrometheusRemoteSourceOptionsValidator>();
        services.AddHttpClient(PrometheusRemoteSource.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            // The source lives as long as the host, so its client does too: the pooled connections are renewed
            // instead, which picks up a DNS change of the remote within minutes.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // One request per selector of every query: failures reach the query's answer, successes are not news.
            .RemoveAllLoggers();
        // Replaces the store the query engine registers unless told otherwise, whichever is added first.
        services.Replace(ServiceDescriptor.Singleton<ISeriesSource>(sp =>
        {
            var source = new PrometheusRemoteSource(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(PrometheusRemoteSource.HttpClientName),
                sp.GetRequiredService<IOptions<PrometheusRemoteSourceOptions>>().Value);
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(QuerySourceServiceCollectionExtensions));
            LogRemoteSource(logger, source.DisplayUrl);
            return source;
        }));
        return services;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queries read raw samples from the remote Prometheus API at {RemoteUrl}")]
    private static partial void LogRemoteSource(ILogger logger, string remoteUrl);
}
