using Dashboard.Core.Hosting;
using Dashboard.Host.Api;
using Dashboard.Host.Exposition;
using Dashboard.Host.Health;
using Dashboard.Host.Query;
using Dashboard.Host.Security;
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
builder.Services.AddDashboardSecurity(builder.Configuration);
builder.Services.AddPrometheusApiCompression();
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
builder.Services.AddHealthChecks().AddCheck<EngineReadiness>("engine", tags: [EngineReadiness.Tag]);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddDashboardUi();
builder.ConfigureDashboardServer();

var app = builder.Build();
app.UseDashboardPathBase();

// A request the framework refuses (a form without its antiforgery token, a malformed body) is the client's error, not ours.
app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError });
app.UseStatusCodePages();
app.UseDashboardSecurity();
app.UseAntiforgery();
app.UsePrometheusApiCompression();
app.UseHttpMetrics(options => options.SetMetricFactory(Metrics.WithCustomRegistry(app.Services.GetRequiredService<SelfMetrics>().Registry)));
app.UseDashboardRateLimiting();

// Every route is mapped in the group of the least role that may call it (see Dashboard.Host/Security/EndpointAccess).
var open = app.MapGroup("").AllowPublic();
var viewers = app.MapGroup("").RequireRole(DashboardRole.Viewer);
var writers = app.MapGroup("").RequireRole(DashboardRole.Writer);
var metricsReaders = builder.Configuration.GetValue($"{AuthOptions.Section}:{nameof(AuthOptions.PublicMetrics)}", true) ? open : viewers;

open.MapHealthEndpoints();
open.MapLoginEndpoints();
viewers.MapPluginEndpoints();
viewers.MapInstanceEndpoints();
viewers.MapConfigEndpoints();
viewers.MapExportEndpoints();
viewers.MapPrometheusApiEndpoints();
viewers.MapPrometheusQueryEndpoints();
metricsReaders.MapMetricsEndpoint();
metricsReaders.MapPrometheusScrapingEndpoint(TelemetryServiceCollectionExtensions.ScrapePath);
writers.MapRemoteWriteEndpoints();
app.MapStaticAssets().AllowPublic();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireRole(DashboardRole.Viewer);

await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
