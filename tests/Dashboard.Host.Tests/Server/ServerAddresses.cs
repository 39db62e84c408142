using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Host.Tests.Server;

/// <summary>The addresses a test host's Kestrel bound (ports picked by the OS), by scheme.</summary>
internal static class ServerAddresses
{
    /// <summary>The first bound address with this scheme (<c>https</c> or <c>http</c>) and, if given, this host part.</summary>
    public static Uri Bound(this DashboardHost host, string scheme, string? hostPart = null)
    {
        var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var found = addresses.Select(a => new Uri(a)).FirstOrDefault(a => a.Scheme == scheme && (hostPart is null || a.Host == hostPart));
        return found ?? throw new InvalidOperationException($"No {scheme} address among {string.Join(", ", addresses)}.");
    }
}
