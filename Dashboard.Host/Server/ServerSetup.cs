using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Server;

/// <summary>The HTTP edge in two calls from <c>Program.cs</c>: Kestrel, TLS and limits; then the rate limiter.</summary>
internal static class ServerSetup
{
    /// <summary>
    /// Kestrel's limits (<c>Dashboard:Server:Limits</c>, validated at start), HTTP/1.1 + HTTP/2 with the development
    /// certificate unless one is configured, the 413 answer, and the rate-limiting policies
    /// (<c>Dashboard:Server:RateLimits</c>).
    /// </summary>
    public static WebApplicationBuilder ConfigureDashboardServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServerLimitsOptions>()
            .Bind(builder.Configuration.GetSection(ServerLimitsOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ServerLimitsOptions>>(new KeyedValidation<ServerLimitsOptions>(ServerLimitsOptions.Section));
        builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelSetup>();
        builder.Services.AddExceptionHandler<RequestBodyTooLargeHandler>();
        builder.Services.AddDashboardRateLimiting(builder.Configuration);
        return builder;
    }

    /// <summary>The rate limiter; after authentication, so that a signed-in user is limited by name rather than address.</summary>
    public static WebApplication UseDashboardRateLimiting(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
