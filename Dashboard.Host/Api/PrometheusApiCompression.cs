using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Dashboard.Host.Api;

/// <summary>
/// gzip for the Prometheus API's answers when the client accepts it, as Prometheus does (Grafana always asks): a
/// range query's JSON shrinks several times. Only under <c>/api/v1/</c>, whose answers hold no secrets, so
/// compression over HTTPS cannot leak one (BREACH needs a secret beside attacker-chosen text).
/// </summary>
internal static class PrometheusApiCompression
{
    private const string PathPrefix = "/api/v1";

    public static IServiceCollection AddPrometheusApiCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = ["application/json"];
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UsePrometheusApiCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PathPrefix), branch => branch.UseResponseCompression());
}
