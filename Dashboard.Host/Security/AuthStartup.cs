using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Security;

/// <summary>
/// At start: makes the key ring (which prints a generated admin key on first start), warns when nothing is secured,
/// and stops the host when <see cref="AuthMode.Unsecured"/> finds itself listening beyond loopback.
/// </summary>
internal sealed partial class AuthStartup(
    IOptions<AuthOptions> options,
    ApiKeyRing keys,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<AuthStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogMode(options.Value.Mode, keys.Count);
        if (options.Value.Mode == AuthMode.Unsecured)
        {
            LogUnsecured();
            lifetime.ApplicationStarted.Register(RefuseBeyondLoopback);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void RefuseBeyondLoopback()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = string.Join(", ", addresses.Where(a => !IsLoopback(a)));
        if (exposed.Length == 0)
        {
            return;
        }

        LogRefused(exposed);
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }

    internal static bool IsLoopback(string address)
    {
        var host = BindingAddress.Parse(address).Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Authentication mode: {Mode}; {KeyCount} API keys accepted")]
    private partial void LogMode(AuthMode mode, int keyCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard:Auth:Mode is Unsecured: every request on a loopback address is admin, with no sign-in. Use it only on a machine you alone use")]
    private partial void LogUnsecured();

    [LoggerMessage(Level = LogLevel.Critical, Message = "Dashboard:Auth:Mode Unsecured refuses to serve beyond loopback, but the host listens on {Addresses}; stopping. Bind to localhost/127.0.0.1 or choose another mode")]
    private partial void LogRefused(string addresses);
}
