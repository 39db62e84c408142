using Dashboard.Host.Exposition;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dashboard.Host.Telemetry;

/// <summary>
/// Registers self-instrumentation: OpenTelemetry metrics (our meters, ASP.NET Core, the runtime) scrapeable at
/// <c>/metrics/otel</c> and, when a collector is configured, pushed to it with traces of our HTTP requests.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The path of the OpenTelemetry Prometheus exporter.</summary>
    public const string ScrapePath = "/metrics/otel";

    public static IServiceCollection AddDashboardTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>()
            .Bind(configuration.GetSection(TelemetryOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("dashboard"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SelfMetrics.MeterPrefix + "*")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (options.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        Configure(exporter, endpoint, options.OtlpProtocol, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.OtlpExportIntervalMs;
                    });
                }
            });
        if (options.OtlpEndpoint is { } traceEndpoint)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(exporter => Configure(exporter, traceEndpoint, options.OtlpProtocol, "v1/traces")));
        }

        return services;
    }

    // Over HTTP the exporter posts to the endpoint as given, so the signal's path is added here as the SDK would for
    // the environment variable form.
    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        exporter.Protocol = protocol;
        exporter.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath)
            : endpoint;
    }
}
