using System.Reflection;
using System.Runtime.InteropServices;

namespace Dashboard.Host.Api;

/// <summary>
/// What <c>/api/v1/status/buildinfo</c> reports, in Prometheus's field names (the ones Grafana reads). The values
/// are ours, not a Prometheus version: <see cref="Version"/> is the host's version, <see cref="Revision"/> the commit
/// the build stamped (empty when built outside git), <see cref="GoVersion"/> the .NET runtime; we record no branch,
/// build user or build date, so those are empty.
/// </summary>
/// <param name="Version">The host's version (the informational version before any <c>+</c>).</param>
/// <param name="Revision">The source commit (after the <c>+</c>), or empty.</param>
/// <param name="Branch">Empty: not recorded.</param>
/// <param name="BuildUser">Empty: not recorded.</param>
/// <param name="BuildDate">Empty: not recorded (builds are deterministic).</param>
/// <param name="GoVersion">The runtime, e.g. <c>.NET 10.0.0</c>.</param>
internal sealed record PrometheusBuildInfo(string Version, string Revision, string Branch, string BuildUser, string BuildDate, string GoVersion)
{
    /// <summary>The running host's build.</summary>
    public static PrometheusBuildInfo Current { get; } = Of(typeof(PrometheusBuildInfo).Assembly);

    private static PrometheusBuildInfo Of(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? string.Empty;
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? new PrometheusBuildInfo(informational, string.Empty, string.Empty, string.Empty, string.Empty, RuntimeInformation.FrameworkDescription)
            : new PrometheusBuildInfo(informational[..plus], informational[(plus + 1)..], string.Empty, string.Empty, string.Empty, RuntimeInformation.FrameworkDescription);
    }
}
