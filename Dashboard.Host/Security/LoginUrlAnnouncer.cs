using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dashboard.Host.Security;

/// <summary>
/// Prints the <see cref="AuthMode.BrowserToken"/> login URL when the server listens, and the next one each time a
/// token is used. It writes to the console, not through logging: a login token must reach the operator's terminal and
/// no log sink.
/// </summary>
internal sealed class LoginUrlAnnouncer(BrowserTokens tokens, IServer server, IHostApplicationLifetime lifetime) : IHostedService
{
    private readonly TextWriter _console = Console.Out;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => Announce(tokens.Current, "Open the dashboard (one-time login link)"));
        tokens.Renewed += OnRenewed;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        tokens.Renewed -= OnRenewed;
        return Task.CompletedTask;
    }

    private void OnRenewed(string token) => Announce(token, "The login link was used; the next one");

    private void Announce(string token, string what)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .FirstOrDefault() ?? "http://localhost";
        _console.WriteLine($"{what}: {address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/')}/login?t={Uri.EscapeDataString(token)}");
    }
}
