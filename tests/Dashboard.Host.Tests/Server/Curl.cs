using System.ComponentModel;
using System.Diagnostics;

namespace Dashboard.Host.Tests.Server;

/// <summary>
/// The system's <c>curl</c> (/usr/bin/curl), an HTTP/2 client independent of .NET's. Missing, it fails the test with
/// what to install; it never skips.
/// </summary>
internal static class Curl
{
    private const string Path = "/usr/bin/curl";

    /// <summary>Runs curl with these arguments (plus <c>--silent --show-error --max-time 20</c>) and returns its standard output.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--silent", "--show-error", "--max-time", "20", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"{Path} could not be started ({ex.Message}): install Debian's curl (apt-get install curl).");
            throw;
        }

        using (process)
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"curl {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}");
            return await stdout;
        }
    }
}
