using Dashboard.Core.Hosting;
using Dashboard.Host.Api;
using Dashboard.Host.Exposition;
using Dashboard.Host.Health;
using Dashboard.Host.Query;
using Dashboard.Host.Server;
using Dashboard.Host.Telemetry;
using Dashboard.UI;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDashboardCore(builder.Configuration);
builder.Services.AddQuerySource(builder.Configuration);
builder.Services.AddDashboardExposition();
builder.Services.AddDashboardTelemetry(builder.Configuration);
builder.Services.AddRemoteWriteReceiver(builder.Configuration);
builder.Services.AddPrometheusApiCompression();
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
builder.Services.AddHealthChecks().AddCheck<EngineReadiness>("engine", tags: [EngineReadiness.Tag]);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.ConfigureDashboardServer();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAntiforgery();
app.UsePrometheusApiCompression();
app.UseHttpMetrics(options => options.SetMetricFactory(Metrics.WithCustomRegistry(app.Services.GetRequiredService<SelfMetrics>().Registry)));
app.UseDashboardRateLimiting();

app.MapHealthEndpoints();
app.MapPluginEndpoints();
app.MapInstanceEndpoints();
app.MapConfigEndpoints();
app.MapExportEndpoints();
app.MapPrometheusApiEndpoints();
app.MapPrometheusQueryEndpoints();
app.MapMetricsEndpoint();
app.MapPrometheusScrapingEndpoint(TelemetryServiceCollectionExtensions.ScrapePath);
app.MapRemoteWriteEndpoints();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
